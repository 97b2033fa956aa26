using System.Text.Json;
using Json.Schema;

namespace Ory.Identity;

/// <summary>
/// The formats Kratos validates differently from JsonSchema.Net (SPEC §3.2): <c>email</c>, <c>tel</c>,
/// <c>email_loose</c> and <c>no-validate</c>, in a local registry passed with every evaluation (other formats fall back
/// to JsonSchema.Net's global ones; unknown formats are ignored).
/// </summary>
internal static class KratosFormats
{
    /// <summary>The local format registry holding Kratos's formats.</summary>
    public static FormatRegistry Registry { get; } = CreateRegistry();

    private static FormatRegistry CreateRegistry()
    {
        var registry = new FormatRegistry();
        registry.Register(new StringFormat("email", EmailAddressRules.IsValid));
        registry.Register(new StringFormat("email_loose", IsLooseEmail));
        registry.Register(new StringFormat("tel", static v => IdentifierNormalizer.TryNormalizePhone(v, out _) && v.TrimStart().StartsWith('+')));
        registry.Register(new StringFormat("no-validate", static _ => true));
        return registry;
    }

    private static bool IsLooseEmail(string value)
    {
        var at = value.LastIndexOf('@');
        return at > 0 && at < value.Length - 1;
    }

    /// <summary>A format that checks string instances with a predicate and accepts every other JSON type.</summary>
    private sealed class StringFormat(string key, Func<string, bool> predicate) : Format(key)
    {
        public override bool Validate(JsonElement value, out string? errorMessage)
        {
            errorMessage = null;
            return value.ValueKind != JsonValueKind.String || predicate(value.GetString()!);
        }
    }
}
