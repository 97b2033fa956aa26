using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// What is precomputed per identity schema for fast validation: the <c>ory.sh/kratos</c> blocks (the compiled schema
/// carries each block's index as its annotation value) and the schema documents by base URI, to quote keyword values
/// in error messages.
/// </summary>
internal sealed class SchemaPlan
{
    private readonly Dictionary<string, JsonElement> _documents;
    private readonly JsonElement _mainDocument;

    /// <summary>Creates a plan.</summary>
    public SchemaPlan(IReadOnlyList<KratosExtensionSpec> extensions, JsonElement mainDocument, Dictionary<string, JsonElement> documents)
    {
        Extensions = extensions;
        _mainDocument = mainDocument;
        _documents = documents;
        HasExtensions = extensions.Any(e => e.HasEffect);
        HasSmsMarks = extensions.Any(e => e.MarksSms);
        HasCodeIdentifier = extensions.Any(e => e.CodeIdentifier);
        HasPasswordIdentifier = extensions.Any(e => e.PasswordIdentifier);
        HasWebAuthnIdentifier = extensions.Any(e => e.WebAuthnIdentifier);
    }

    /// <summary>The extension blocks; the compiled schema's <c>ory.sh/kratos</c> annotation is an index into this list.</summary>
    public IReadOnlyList<KratosExtensionSpec> Extensions { get; }

    /// <summary>Whether any block derives anything (otherwise validation can use the cheap flag output).</summary>
    public bool HasExtensions { get; }

    /// <summary>Whether any block marks phone values to be rewritten to E.164.</summary>
    public bool HasSmsMarks { get; }

    /// <summary>Whether any block marks <c>credentials.code.identifier</c>.</summary>
    public bool HasCodeIdentifier { get; }

    /// <summary>Whether any block marks <c>credentials.password.identifier</c>.</summary>
    public bool HasPasswordIdentifier { get; }

    /// <summary>Whether any block marks <c>credentials.webauthn.identifier</c>.</summary>
    public bool HasWebAuthnIdentifier { get; }

    /// <summary>
    /// The specialized validator for schemas in the plain draft-07 subset it supports, or null (JsonSchema.Net only).
    /// </summary>
    public FastTraitsValidator? Fast { get; init; }

    /// <summary>The key a schema document is stored under: its absolute URI without fragment.</summary>
    public static string KeyOf(Uri uri) =>
        uri.IsAbsoluteUri ? uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.Fragment, UriFormat.UriEscaped) : uri.ToString();

    /// <summary>Resolves a JSON pointer inside the document at <paramref name="location"/> (main document if unknown).</summary>
    public JsonElement? ResolveSchemaValue(Uri? location, string pointer)
    {
        var document = location is not null && _documents.TryGetValue(KeyOf(location), out var found) ? found : _mainDocument;
        return JsonPointerResolver.Resolve(document, pointer);
    }
}
