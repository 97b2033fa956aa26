using System.Text.Json;
using Json.Schema;

namespace Ory.Identity;

/// <summary>
/// The formats Kratos validates differently from JsonSchema.Net (Kratos's identity/validator.go and schema/): <c>email</c>, <c>tel</c>,
/// <c>email_loose</c> and <c>no-validate</c>, in a local registry passed with every evaluation (other formats fall back
/// to JsonSchema.Net's global ones; unknown formats are ignored).
/// </summary>
internal static class KratosFormats
{
    private static readonly Func<string, bool> Email = EmailAddressRules.IsValid;
    private static readonly Func<string, bool> EmailLoose = EmailAddressRules.IsLoose;
    private static readonly Func<string, bool> Tel = static v => IdentifierNormalizer.TryNormalizePhone(v, out _) && v.TrimStart().StartsWith('+');
    private static readonly Func<string, bool> NoValidate = static _ => true;

    /// <summary>The local format registry holding Kratos's formats.</summary>
    public static FormatRegistry Registry { get; } = CreateRegistry();

    /// <summary>
    /// The string predicate of one of Kratos's formats (the very one registered in <see cref="Registry"/>; other JSON
    /// types pass), or null for formats left to JsonSchema.Net.
    /// </summary>
    public static Func<string, bool>? PredicateFor(string format) => format switch
    {
        "email" => Email,
        "email_loose" => EmailLoose,
        "tel" => Tel,
        "no-validate" => NoValidate,
        _ => null,
    };

    private static FormatRegistry CreateRegistry()
    {
        var registry = new FormatRegistry();
        registry.Register(new StringFormat("email", Email));
        registry.Register(new StringFormat("email_loose", EmailLoose));
        registry.Register(new StringFormat("tel", Tel));
        registry.Register(new StringFormat("no-validate", NoValidate));
        return registry;
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
