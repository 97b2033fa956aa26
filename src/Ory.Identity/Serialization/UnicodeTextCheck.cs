using System.Runtime.InteropServices;
using System.Text.Json;

namespace Ory.Identity.Serialization;

/// <summary>
/// Refuses JSON values handed to the API in process that hold text which is not valid Unicode (invalid UTF-8, or an
/// unpaired surrogate escape such as <c>\ud800</c>), before anything reads them: System.Text.Json would throw
/// <see cref="InvalidOperationException"/> deep inside validation, hashing or serialization. The answer is a 400 naming
/// the field. Bodies decoded by <see cref="OryIdentityJson"/> or the HTTP endpoints never get here: those replace such
/// text with U+FFFD first, as Kratos does. The check scans the value's raw bytes and allocates nothing.
/// </summary>
internal static class UnicodeTextCheck
{
    /// <summary>Checks the JSON values of a create request.</summary>
    public static void EnsureValid(CreateIdentityRequest request) =>
        EnsureValid(request.Traits, request.MetadataPublic, request.MetadataAdmin, request.Credentials);

    /// <summary>Checks the JSON values of an update request.</summary>
    public static void EnsureValid(UpdateIdentityRequest request) =>
        EnsureValid(request.Traits, request.MetadataPublic, request.MetadataAdmin, request.Credentials);

    /// <summary>Checks the values of a JSON Patch.</summary>
    public static void EnsureValid(IReadOnlyList<JsonPatchOperation> operations)
    {
        for (var i = 0; i < operations.Count; i++)
        {
            if (HasInvalidText(operations[i]?.Value))
            {
                throw InvalidText($"/{i}/value");
            }
        }
    }

    /// <summary>Checks one JSON value; <paramref name="field"/> (a JSON Pointer into the request) names it in the error.</summary>
    public static void EnsureValid(JsonElement? value, string field)
    {
        if (HasInvalidText(value))
        {
            throw InvalidText(field);
        }
    }

    private static bool HasInvalidText(JsonElement? value) =>
        value is { ValueKind: not JsonValueKind.Undefined } element && JsonTextRepair.NeedsRepair(JsonMarshal.GetRawUtf8Value(element));

    private static InvalidRequestException InvalidText(string field) => new(
        $"The JSON at \"{field}\" holds text that is not valid Unicode (invalid UTF-8, or an unpaired UTF-16 surrogate escape such as \\ud800).");

    private static void EnsureValid(JsonElement? traits, JsonElement? metadataPublic, JsonElement? metadataAdmin, IdentityCredentialsImport? credentials)
    {
        EnsureValid(traits, "/traits");
        EnsureValid(metadataPublic, "/metadata_public");
        EnsureValid(metadataAdmin, "/metadata_admin");
        if (credentials is null)
        {
            return;
        }

        EnsureValid(credentials.Password?.Config, "/credentials/password/config");
        EnsureValid(credentials.Oidc?.Config, "/credentials/oidc/config");
        EnsureValid(credentials.Saml?.Config, "/credentials/saml/config");
        EnsureValid(credentials.Totp?.Config, "/credentials/totp/config");
        EnsureValid(credentials.LookupSecret?.Config, "/credentials/lookup_secret/config");
        EnsureValid(credentials.Webauthn?.Config, "/credentials/webauthn/config");
        EnsureValid(credentials.Passkey?.Config, "/credentials/passkey/config");
    }
}
