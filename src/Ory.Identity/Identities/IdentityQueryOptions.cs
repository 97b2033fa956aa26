namespace Ory.Identity;

/// <summary>Options for reading one identity.</summary>
public sealed record IdentityQueryOptions
{
    /// <summary>
    /// Credential types whose <c>config</c> is returned (Kratos's <c>include_credential</c>); others are listed without it.
    /// </summary>
    public IReadOnlyList<CredentialsType>? IncludeCredentials { get; init; }
}
