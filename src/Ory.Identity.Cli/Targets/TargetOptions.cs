namespace Ory.Identity.Cli.Targets;

/// <summary>
/// Where identities go and how the library is configured: one of <see cref="Sqlite"/>, <see cref="Postgres"/> or
/// <see cref="Endpoint"/>; schemas from <see cref="ConfigFile"/> (kratos.yml-shaped YAML or JSON) and/or <see cref="Schemas"/>.
/// </summary>
internal sealed record TargetOptions
{
    public string? Sqlite { get; init; }

    /// <summary>A throwaway in-memory store: validates everything, keeps nothing (<c>--dry-run</c>).</summary>
    public bool InMemory { get; init; }

    public string? Postgres { get; init; }

    public Uri? Endpoint { get; init; }

    public string? ConfigFile { get; init; }

    /// <summary><c>id=url</c> pairs; a URL without a scheme is a file path.</summary>
    public IReadOnlyList<string> Schemas { get; init; } = [];

    public override string ToString() => "TargetOptions { … }";
}
