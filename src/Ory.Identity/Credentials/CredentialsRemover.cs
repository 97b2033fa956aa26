using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;

namespace Ory.Identity;

/// <summary>
/// Removes one credential from an identity with Kratos's rules (Kratos's identity/handler.go, deleteIdentityCredentials): totp and lookup codes go (and our API keys,
/// all at once); webauthn loses its MFA keys only; password, oidc and saml may go only while another first factor
/// remains (a password's config is blanked, an oidc/saml provider link is removed by identifier); other types cannot be
/// deleted.
/// </summary>
internal static class CredentialsRemover
{
    public const string LastFirstFactor = "You cannot remove the last first factor credential.";

    public static Identity Remove(Identity identity, CredentialsType type, string? identifier, Instant now)
    {
        if (!identity.Credentials.TryGetValue(type, out var credentials))
        {
            throw new IdentityNotFoundException($"You tried to remove a {type} but this user have no {type} set up.");
        }

        var remaining = new Dictionary<CredentialsType, IdentityCredentials>(identity.Credentials);
        switch (type.Value)
        {
            case "totp" or "lookup_secret" or "api_key":
                remaining.Remove(type);
                break;

            case "webauthn":
                RemoveMfaKeys(remaining, credentials, now);
                break;

            case "password":
                RequireAnotherFirstFactor(identity);
                // Kratos blanks the config to {}, which a missing config stands for (CredentialsMap.EmptyConfig).
                remaining[type] = credentials with { Config = null, UpdatedAt = now };
                break;

            case "oidc" or "saml":
                RequireAnotherFirstFactor(identity);
                RemoveProvider(remaining, credentials, identifier, now);
                break;

            default:
                throw new InvalidRequestException($"Credentials type {type} cannot be deleted.");
        }

        return identity with { Credentials = remaining, UpdatedAt = now };
    }

    /// <summary>
    /// Counts the ways the identity can sign in without a second factor: a password with a hash (or migration hook),
    /// each oidc/saml provider link, a passkey, and passwordless webauthn keys.
    /// </summary>
    internal static int CountFirstFactors(Identity identity)
    {
        var count = 0;
        foreach (var (type, credentials) in identity.Credentials)
        {
            var config = credentials.Config;
            count += type.Value switch
            {
                "password" => HasPasswordHash(config) ? 1 : 0,
                "oidc" or "saml" => ArrayLength(config, "providers"),
                "passkey" => ArrayLength(config, "credentials") > 0 ? 1 : 0,
                "webauthn" => Keys(config).Count(IsPasswordless),
                _ => 0,
            };
        }

        return count;
    }

    private static void RequireAnotherFirstFactor(Identity identity)
    {
        if (CountFirstFactors(identity) < 2)
        {
            throw new InvalidRequestException(LastFirstFactor);
        }
    }

    private static void RemoveMfaKeys(Dictionary<CredentialsType, IdentityCredentials> remaining, IdentityCredentials webauthn, Instant now)
    {
        if (webauthn.Config is not { ValueKind: JsonValueKind.Object } config)
        {
            remaining.Remove(CredentialsType.WebAuthn);
            return;
        }

        var node = JsonObject.Create(config)!.DeepClone().AsObject();
        var kept = new JsonArray();
        foreach (var key in Keys(config).Where(IsPasswordless))
        {
            kept.Add(JsonNode.Parse(key.GetRawText()));
        }

        node["credentials"] = kept;
        remaining[CredentialsType.WebAuthn] = webauthn with { Config = ToElement(node), UpdatedAt = now };
    }

    private static void RemoveProvider(
        Dictionary<CredentialsType, IdentityCredentials> remaining, IdentityCredentials credentials, string? identifier, Instant now)
    {
        if (string.IsNullOrEmpty(identifier))
        {
            throw new InvalidRequestException($"The identifier parameter is required to delete {credentials.Type} credentials: pass provider:subject.");
        }

        if (!credentials.Identifiers.Contains(identifier, StringComparer.Ordinal))
        {
            throw new IdentityNotFoundException($"The {credentials.Type} credentials have no identifier like that.");
        }

        var identifiers = credentials.Identifiers.Where(i => !string.Equals(i, identifier, StringComparison.Ordinal)).ToArray();
        var config = credentials.Config is { ValueKind: JsonValueKind.Object } c ? JsonObject.Create(c)!.DeepClone().AsObject() : new JsonObject();
        if (config["providers"] is JsonArray providers)
        {
            var kept = new JsonArray();
            foreach (var provider in providers)
            {
                var id = $"{provider?["provider"]?.GetValue<string>()}:{provider?["subject"]?.GetValue<string>()}";
                if (!string.Equals(id, identifier, StringComparison.Ordinal))
                {
                    kept.Add(provider?.DeepClone());
                }
            }

            config["providers"] = kept;
        }

        if (identifiers.Length == 0)
        {
            remaining.Remove(credentials.Type);
            return;
        }

        remaining[credentials.Type] = credentials with { Identifiers = identifiers, Config = ToElement(config), UpdatedAt = now };
    }

    private static bool HasPasswordHash(JsonElement? config) =>
        config is { ValueKind: JsonValueKind.Object } c
        && ((c.TryGetProperty("hashed_password", out var hash) && hash.ValueKind == JsonValueKind.String && hash.GetString()!.Length > 0)
            || (c.TryGetProperty("use_password_migration_hook", out var hook) && hook.ValueKind == JsonValueKind.True));

    private static int ArrayLength(JsonElement? config, string property) =>
        config is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.GetArrayLength()
            : 0;

    private static JsonElement[] Keys(JsonElement? config) =>
        config is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("credentials", out var keys) && keys.ValueKind == JsonValueKind.Array
            ? [.. keys.EnumerateArray()]
            : [];

    private static bool IsPasswordless(JsonElement key) =>
        key.ValueKind == JsonValueKind.Object && key.TryGetProperty("is_passwordless", out var flag) && flag.ValueKind == JsonValueKind.True;

    private static JsonElement ToElement(JsonNode node) => JsonSerializer.SerializeToElement(node, OryIdentityJson.TypeInfo<JsonNode>());
}
