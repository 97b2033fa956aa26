using NodaTime;

namespace Ory.Identity.Storage.Specification;

/// <summary>
/// The conformance kit of <see cref="ISessionStore"/>: derive a sealed test class, return a new empty store from
/// <see cref="CreateStore"/>, and run its <see cref="Cases"/> from one data-driven test (<see cref="ConformanceKit"/>).
/// </summary>
/// <remarks>
/// Each test gets a fresh instance of the derived class and so calls <see cref="CreateStore"/> once; the store is
/// disposed after the test when it implements <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/>
/// (<see cref="StoreSpecification{TStore}"/>). Instants have microsecond precision (<see cref="SessionStoreTestData"/>);
/// "now" is always passed in, as the session manager passes its clock's.
/// </remarks>
/// <example>
/// <code>
/// public sealed class MySessionStoreConformanceTests : SessionStoreSpecification
/// {
///     protected override ISessionStore CreateStore() => new MySessionStore(...);
///
///     [Theory]
///     [MemberData(nameof(Cases))]
///     public Task Conforms(string @case) => RunCaseAsync(@case);
/// }
/// </code>
/// </example>
public abstract partial class SessionStoreSpecification : StoreSpecification<ISessionStore>
{
    /// <summary>Every case of this kit by name, for a data-driven test (<see cref="ConformanceKit"/>).</summary>
    public static IEnumerable<object[]> Cases => CasesOf<SessionStoreSpecification>();

    /// <summary>Creates a new, empty store for one case.</summary>
    protected abstract override ISessionStore CreateStore();

    /// <summary>An instant while test sessions are live (<see cref="SessionStoreTestData.During"/>).</summary>
    protected static Instant Now => SessionStoreTestData.During;

    /// <summary>Inserts a new test session (<see cref="SessionStoreTestData.NewSession"/>) and returns it.</summary>
    protected async Task<SessionRecord> InsertSessionAsync(
        Guid? identityId = null,
        Instant? createdAt = null,
        Instant? expiresAt = null,
        bool active = true)
    {
        var session = SessionStoreTestData.NewSession(identityId, createdAt, expiresAt, active);
        await Store.InsertAsync(session, Ct);
        return session;
    }

    /// <summary>Asserts that <paramref name="actual"/> has every field of <paramref name="expected"/>, lists in order.</summary>
    protected static void ShouldBeSame(SessionRecord? actual, SessionRecord expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        actual.Should().NotBeNull();
        (actual! with { AuthenticationMethods = expected.AuthenticationMethods, Devices = expected.Devices }).Should().Be(expected);
        actual.AuthenticationMethods.Should().Equal(expected.AuthenticationMethods);
        actual.Devices.Should().Equal(expected.Devices);
    }

    /// <summary>Asserts that <paramref name="session"/> is stored exactly as given.</summary>
    protected async Task ShouldBeStoredAsync(SessionRecord session)
    {
        ArgumentNullException.ThrowIfNull(session);
        ShouldBeSame(await Store.GetAsync(session.Id, Ct), session);
    }

    /// <summary>The ids of <paramref name="sessions"/> in order.</summary>
    protected static IEnumerable<Guid> Ids(IEnumerable<SessionRecord> sessions) => sessions.Select(s => s.Id);

    /// <summary>The contract's list order: newest first by <c>CreatedAt</c>, then by id descending (<see cref="GuidOrder"/>).</summary>
    protected static IEnumerable<SessionRecord> NewestFirst(IEnumerable<SessionRecord> sessions) =>
        sessions.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, GuidOrder.Instance);
}
