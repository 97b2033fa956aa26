namespace Ory.Identity.Cli.Sources.AspNetIdentity;

/// <summary>
/// One ASP.NET Core Identity user as read: its AspNetUsers columns, claims, external logins and the
/// <c>[AspNetUserStore]</c> tokens (authenticator key, recovery codes). Holds secrets: never printed.
/// </summary>
internal sealed class AspNetIdentityUser(string id, Dictionary<string, object?> columns)
{
    public string Id { get; } = id;

    public Dictionary<string, object?> Columns { get; } = columns;

    public List<(string Type, string Value)> Claims { get; } = [];

    public List<(string Provider, string Key)> Logins { get; } = [];

    public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

    public override string ToString() => "AspNetIdentityUser { … }";
}
