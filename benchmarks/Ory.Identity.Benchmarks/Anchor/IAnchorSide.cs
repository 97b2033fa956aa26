namespace Ory.Identity.Benchmarks.Anchor;

/// <summary>
/// One side of <see cref="AnchorRuns"/>: the operations a web request would do, each in a DI scope of its own, through
/// the side's public API. Every method checks its own result and throws when the operation did not do what it should.
/// </summary>
internal interface IAnchorSide : IDisposable
{
    /// <summary>The side's name in the tables.</summary>
    string Name { get; }

    /// <summary>Creates a user with this (new) email and no password; returns its id for <see cref="DeleteAsync"/>.</summary>
    Task<string> CreateAsync(string email);

    /// <summary>Finds the seeded user with this email.</summary>
    Task FindByEmailAsync(string email);

    /// <summary>Checks <see cref="AnchorRuns.Password"/> for the seeded user with this email (finding the user first).</summary>
    Task VerifyPasswordAsync(string email);

    /// <summary>Reads the page of <see cref="AnchorRuns.PageSize"/> users after the middle of the seeded ones.</summary>
    Task ReadPageAsync();

    /// <summary>Deletes a user made by <see cref="CreateAsync"/>.</summary>
    Task DeleteAsync(string id);
}
