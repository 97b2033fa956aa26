namespace Ory.Identity;

// Placeholder replaced by the schemas branch.
internal static class IdentifierNormalizer
{
    public static string NormalizeGraceful(string value) => value.Trim().ToLowerInvariant();
}
