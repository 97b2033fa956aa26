using System.Text.Json.Nodes;

namespace Ory.Identity;

/// <summary>
/// One parsed <c>"ory.sh/kratos"</c> block of an identity schema, with the <c>format</c> of the schema node carrying it.
/// </summary>
internal sealed record KratosExtensionSpec
{
    /// <summary>The JSON pointer of the schema node carrying the block (e.g. <c>/properties/traits/properties/email</c>).</summary>
    public required string SchemaPointer { get; init; }

    /// <summary>The node's <c>format</c>, or null when absent.</summary>
    public string? Format { get; init; }

    /// <summary><c>credentials.password.identifier</c>.</summary>
    public bool PasswordIdentifier { get; init; }

    /// <summary><c>credentials.webauthn.identifier</c>.</summary>
    public bool WebAuthnIdentifier { get; init; }

    /// <summary><c>credentials.code.identifier</c>.</summary>
    public bool CodeIdentifier { get; init; }

    /// <summary><c>credentials.code.via</c> as written (may be null).</summary>
    public string? CodeVia { get; init; }

    /// <summary><c>verification.via</c>, or null when there is no verification block or no via.</summary>
    public string? VerificationVia { get; init; }

    /// <summary><c>recovery.via</c>, or null when there is no recovery block or no via.</summary>
    public string? RecoveryVia { get; init; }

    /// <summary>Whether a value under this block is a phone number to be stored as E.164 (Kratos's identity/validator.go and schema/).</summary>
    public bool MarksSms => (CodeIdentifier && CodeVia == "sms") || VerificationVia == "sms" || RecoveryVia == "sms";

    /// <summary>Whether the block derives anything at all.</summary>
    public bool HasEffect =>
        PasswordIdentifier || WebAuthnIdentifier || CodeIdentifier || VerificationVia is not null || RecoveryVia is not null;

    /// <summary>Parses a block (already checked against the extension meta-schema).</summary>
    public static KratosExtensionSpec Parse(JsonObject block, string schemaPointer, string? format)
    {
        var credentials = block["credentials"] as JsonObject;
        var code = credentials?["code"] as JsonObject;
        return new KratosExtensionSpec
        {
            SchemaPointer = schemaPointer,
            Format = format,
            PasswordIdentifier = IsTrue((credentials?["password"] as JsonObject)?["identifier"]),
            WebAuthnIdentifier = IsTrue((credentials?["webauthn"] as JsonObject)?["identifier"]),
            CodeIdentifier = IsTrue(code?["identifier"]),
            CodeVia = StringOf(code?["via"]),
            VerificationVia = StringOf((block["verification"] as JsonObject)?["via"]),
            RecoveryVia = StringOf((block["recovery"] as JsonObject)?["via"]),
        };
    }

    private static bool IsTrue(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var b) && b;

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}
