using NodaTime;

namespace Ory.Identity.Storage.Specification;

/// <summary>
/// The conformance kit of <see cref="IRecoveryStore"/>: derive a sealed test class, return a new empty store from
/// <see cref="CreateStore"/>, and run its <see cref="Cases"/> from one data-driven test (<see cref="ConformanceKit"/>).
/// </summary>
/// <remarks>
/// Each test gets a fresh instance of the derived class and so calls <see cref="CreateStore"/> once; the store is
/// disposed after the test when it implements <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/>
/// (<see cref="StoreSpecification{TStore}"/>). Every flow a test uses is inserted before its secrets, and instants have
/// microsecond precision (<see cref="RecoveryStoreTestData"/>).
/// </remarks>
/// <example>
/// <code>
/// public sealed class MyRecoveryStoreConformanceTests : RecoveryStoreSpecification
/// {
///     protected override IRecoveryStore CreateStore() => new MyRecoveryStore(...);
///
///     [Theory]
///     [MemberData(nameof(Cases))]
///     public Task Conforms(string @case) => RunCaseAsync(@case);
/// }
/// </code>
/// </example>
public abstract partial class RecoveryStoreSpecification : StoreSpecification<IRecoveryStore>
{
    /// <summary>Every case of this kit by name, for a data-driven test (<see cref="ConformanceKit"/>).</summary>
    public static IEnumerable<object[]> Cases => CasesOf<RecoveryStoreSpecification>();

    /// <summary>Creates a new, empty store for one case.</summary>
    protected abstract override IRecoveryStore CreateStore();

    /// <summary>An instant while test flows and secrets are live (<see cref="RecoveryStoreTestData.During"/>).</summary>
    protected static Instant Now => RecoveryStoreTestData.During;

    /// <summary>Inserts a new test flow (<see cref="RecoveryStoreTestData.NewFlow"/>) and returns it.</summary>
    protected async Task<RecoveryFlowRecord> InsertFlowAsync(Guid? identityId = null, Instant? expiresAt = null)
    {
        var flow = RecoveryStoreTestData.NewFlow(identityId, expiresAt);
        await Store.InsertFlowAsync(flow, Ct);
        return flow;
    }

    /// <summary>Inserts a new test secret of <paramref name="flow"/> (<see cref="RecoveryStoreTestData.NewSecret"/>) and returns it.</summary>
    protected async Task<RecoverySecret> InsertSecretAsync(
        RecoveryFlowRecord flow,
        RecoveryMethod method = RecoveryMethod.Code,
        Instant? expiresAt = null,
        Guid? identityId = null)
    {
        var secret = RecoveryStoreTestData.NewSecret(flow, method, expiresAt: expiresAt, identityId: identityId);
        await Store.InsertSecretAsync(secret, Ct);
        return secret;
    }

    /// <summary>Consumes <paramref name="secret"/> through its own flow and method with its hash as the only candidate.</summary>
    protected async Task<RecoverySecret?> ConsumeAsync(RecoverySecret secret, Instant? now = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return await Store.ConsumeSecretAsync(secret.FlowId, secret.Method, [secret.Hash], now ?? Now, Ct);
    }

    /// <summary>Finds <paramref name="secret"/> through its own flow and method with its hash as the only candidate.</summary>
    protected async Task<RecoverySecret?> FindAsync(RecoverySecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return await Store.FindSecretAsync(secret.FlowId, secret.Method, [secret.Hash], Ct);
    }

    /// <summary>Asserts that <paramref name="secret"/> is stored exactly as given: findable, every field unchanged.</summary>
    protected async Task ShouldBeStoredUnchangedAsync(RecoverySecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        (await FindAsync(secret)).Should().Be(secret);
    }

    /// <summary>Asserts that <paramref name="secret"/> is gone: neither findable nor redeemable.</summary>
    protected async Task ShouldBeGoneAsync(RecoverySecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        (await FindAsync(secret)).Should().BeNull("secret {0} should be deleted", secret.Id);
        (await ConsumeAsync(secret, RecoveryStoreTestData.IssuedAt)).Should().BeNull();
    }

    /// <summary>Asserts that <paramref name="secret"/> (unused and live at <see cref="Now"/>) redeems now, exactly once.</summary>
    protected async Task ShouldBeRedeemableAsync(RecoverySecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        (await ConsumeAsync(secret)).Should().Be(secret with { UsedAt = Now });
    }
}
