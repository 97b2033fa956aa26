using Ory.Identity.Fuzz.Tests.Seeds;

namespace Ory.Identity.Fuzz.Tests.Server;

/// <summary>An xunit class fixture: one in-memory QuickStart with a seed set, for the tests of the fuzz suite's own parts.</summary>
public sealed class InMemoryQuickStart : IAsyncLifetime
{
    /// <summary>The running server.</summary>
    public FuzzServer Server { get; private set; } = null!;

    /// <summary>The seed set created on it.</summary>
    public SeedState Seeds { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Server = FuzzServer.Start(FuzzStore.InMemory);
        Seeds = await SeedState.CreateAsync(Server);
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await Server.DisposeAsync();
}
