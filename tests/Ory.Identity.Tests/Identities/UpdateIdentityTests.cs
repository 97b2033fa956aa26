using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities;

public sealed class UpdateIdentityTests : IDisposable
{
    private readonly TestHost _host = new();

    public void Dispose() => _host.Dispose();

    private Task<Identity> CreateAsync(string email = "foo@ory.sh") =>
        _host.Manager.CreateAsync(TestHost.Create($$"""{"email":"{{email}}"}""") with
        {
            MetadataPublic = TestHost.Json("""{"a":1}"""),
            ExternalId = "ext",
            VerifiableAddresses = [new VerifiableAddressImport { Value = email, Verified = true }],
        });

    [Fact]
    public async Task Put_replaces_traits_and_clears_omitted_metadata_and_external_id()
    {
        var created = await CreateAsync();
        _host.Clock.AdvanceMinutes(5);

        var updated = await _host.Manager.UpdateAsync(created.Id, new UpdateIdentityRequest { Traits = TestHost.Json("""{"email":"new@ory.sh"}""") });

        updated.Traits.GetRawText().Should().Be("""{"email":"new@ory.sh"}""");
        updated.MetadataPublic.Should().BeNull();
        updated.ExternalId.Should().BeNull();
        updated.SchemaId.Should().Be("default");
        updated.State.Should().Be(IdentityState.Active);
        updated.UpdatedAt.Should().Be(TestHost.Start.Plus(Duration.FromMinutes(5)));
        updated.CreatedAt.Should().Be(TestHost.Start);
        updated.Credentials[CredentialsType.Password].Identifiers.Should().Equal("new@ory.sh");
        updated.VerifiableAddresses.Should().ContainSingle().Which.Verified.Should().BeFalse();

        var stored = await _host.Manager.GetAsync(created.Id);
        stored.Should().BeEquivalentTo(updated, o => o.ComparingByMembers<System.Text.Json.JsonElement>().Excluding(i => i.Traits));
        (await _host.Manager.ListAsync(new IdentityListQuery { CredentialsIdentifier = "foo@ory.sh" })).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Address_that_stays_keeps_its_verification()
    {
        var created = await CreateAsync();

        var updated = await _host.Manager.UpdateAsync(created.Id, new UpdateIdentityRequest { Traits = created.Traits });

        var address = updated.VerifiableAddresses.Should().ContainSingle().Subject;
        address.Verified.Should().BeTrue();
        address.Id.Should().Be(created.VerifiableAddresses[0].Id);
        updated.RecoveryAddresses.Single().Id.Should().Be(created.RecoveryAddresses[0].Id);
    }

    [Fact]
    public async Task State_change_stamps_state_changed_at_and_same_state_does_not()
    {
        var created = await CreateAsync();
        _host.Clock.AdvanceMinutes(1);
        var same = await _host.Manager.UpdateAsync(created.Id, new UpdateIdentityRequest { Traits = created.Traits, State = IdentityState.Active });
        _host.Clock.AdvanceMinutes(1);
        var changed = await _host.Manager.UpdateAsync(created.Id, new UpdateIdentityRequest { Traits = created.Traits, State = IdentityState.Inactive });

        same.StateChangedAt.Should().Be(TestHost.Start);
        changed.State.Should().Be(IdentityState.Inactive);
        changed.StateChangedAt.Should().Be(TestHost.Start.Plus(Duration.FromMinutes(2)));
    }

    [Fact]
    public async Task Unknown_id_is_not_found()
    {
        var act = () => _host.Manager.UpdateAsync(Guid.NewGuid(), new UpdateIdentityRequest { Traits = TestHost.Json("""{"email":"a@b.co"}""") });

        (await act.Should().ThrowAsync<IdentityNotFoundException>()).Which.Error.Code.Should().Be(404);
    }

    [Fact]
    public async Task Invalid_traits_leave_the_identity_unchanged()
    {
        var created = await CreateAsync();

        var act = () => _host.Manager.UpdateAsync(created.Id, new UpdateIdentityRequest { Traits = TestHost.Json("""{"email":42}""") });

        await act.Should().ThrowAsync<IdentityValidationException>();
        (await _host.Manager.GetAsync(created.Id)).Traits.GetRawText().Should().Be(created.Traits.GetRawText());
    }

    [Fact]
    public async Task Taking_another_identitys_email_is_a_conflict_and_changes_nothing()
    {
        var first = await CreateAsync("first@ory.sh");
        await _host.Manager.CreateAsync(TestHost.Create("""{"email":"second@ory.sh"}"""));

        var act = () => _host.Manager.UpdateAsync(first.Id, new UpdateIdentityRequest { Traits = TestHost.Json("""{"email":"SECOND@ory.sh"}""") });

        (await act.Should().ThrowAsync<IdentityConflictException>()).Which.Error.Code.Should().Be(409);
        (await _host.Manager.GetAsync(first.Id)).Credentials[CredentialsType.Password].Identifiers.Should().Equal("first@ory.sh");
    }

    [Fact]
    public async Task Concurrent_updates_of_one_identity_each_leave_a_consistent_identity()
    {
        var created = await CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() =>
            _host.Manager.UpdateAsync(created.Id, new UpdateIdentityRequest
            {
                Traits = TestHost.Json($$"""{"email":"user{{i}}@ory.sh"}"""),
            }))));

        var final = await _host.Manager.GetAsync(created.Id);
        var email = final.Traits.GetProperty("email").GetString();
        final.Credentials[CredentialsType.Password].Identifiers.Should().Equal(email);
        final.VerifiableAddresses.Should().ContainSingle().Which.Value.Should().Be(email);
        for (var i = 0; i < 32; i++)
        {
            var owner = await _host.Manager.ListAsync(new IdentityListQuery { CredentialsIdentifier = $"user{i}@ory.sh" });
            owner.Items.Should().HaveCount($"user{i}@ory.sh" == email ? 1 : 0);
        }
    }
}
