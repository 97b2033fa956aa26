
namespace Ory.Identity.Storage.Specification;

public abstract partial class IdentityStoreSpecification
{
    /// <summary>Deleting removes the identity and frees every unique value for another identity.</summary>
    [ConformanceCase]
    public async Task Delete_removes_the_identity_and_frees_every_unique_value()
    {
        var identity = await InsertNewAsync();
        var other = await InsertNewAsync();

        (await Store.DeleteAsync(identity.Id, Ct)).Should().BeTrue();

        await ShouldOwnNothingAsync(identity);
        await ShouldStillOwnItsValuesAsync(other);
        var email = identity.Credentials[CredentialsType.Password].Identifiers[0];
        var reuser = IdentityStoreTestData.NewIdentity(email, identity.ExternalId);
        await Store.InsertAsync(reuser, Ct);
        await ShouldStillOwnItsValuesAsync(reuser);
    }

    /// <summary>Deleting twice, or an unknown id, returns false and changes nothing.</summary>
    [ConformanceCase]
    public async Task Delete_returns_false_the_second_time_and_for_unknown_ids()
    {
        var identity = await InsertNewAsync();
        var other = await InsertNewAsync();

        (await Store.DeleteAsync(identity.Id, Ct)).Should().BeTrue();
        (await Store.DeleteAsync(identity.Id, Ct)).Should().BeFalse();
        (await Store.DeleteAsync(Guid.NewGuid(), Ct)).Should().BeFalse();

        (await Store.CountAsync(Ct)).Should().Be(1);
        (await Store.ListAsync(new IdentityStoreQuery { Limit = 10 }, Ct)).Select(i => i.Id).Should().Equal(other.Id);
    }
}
