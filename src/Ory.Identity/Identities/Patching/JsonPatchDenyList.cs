using System.Text;

namespace Ory.Identity;

/// <summary>
/// The paths a <c>PATCH /admin/identities/{id}</c> may not touch (Kratos's identity/handler.go, patchIdentity). Kratos compares the lower-cased raw
/// path against the globs <c>/id</c>, <c>/stateChangedAt</c>, <c>/credentials</c>, <c>/credentials/oidc</c>,
/// <c>/credentials/oidc/**</c>, <c>/credentials/saml</c> and <c>/credentials/saml/**</c>. We also deny
/// <c>/state_changed_at</c>: Kratos's camelCase entry is a bug (it never matches the wire name), which we do not copy;
/// and <c>/credentials/api_key</c> with everything below it: API keys (our extension) change only through
/// <see cref="IApiKeyManager"/>.
/// </summary>
/// <remarks>
/// The comparison is ASCII case-insensitive on the raw (still escaped) pointer, as Kratos does. Paths such as
/// <c>/credentials/password/config/hashed_password</c> stay allowed.
/// </remarks>
internal static class JsonPatchDenyList
{
    private static readonly string[] ExactPaths =
    [
        "/id",
        "/stateChangedAt",
        "/state_changed_at",
        "/credentials",
        "/credentials/oidc",
        "/credentials/saml",
        "/credentials/api_key",
    ];

    // The "/**" globs: everything below these prefixes.
    private static readonly string[] DeniedPrefixes =
    [
        "/credentials/oidc/",
        "/credentials/saml/",
        "/credentials/api_key/",
    ];

    /// <summary>Whether <paramref name="path"/> matches the deny-list.</summary>
    public static bool IsDenied(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var exact in ExactPaths)
        {
            if (Ascii.EqualsIgnoreCase(path, exact))
            {
                return true;
            }
        }

        foreach (var prefix in DeniedPrefixes)
        {
            if (path.Length >= prefix.Length && Ascii.EqualsIgnoreCase(path.AsSpan(0, prefix.Length), prefix))
            {
                return true;
            }
        }

        return false;
    }
}
