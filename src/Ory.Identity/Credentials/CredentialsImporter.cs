using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Ory.Identity;

/// <summary>
/// Applies the <c>credentials</c> of a create or update body to an identity's credentials (Kratos's identity/handler_import.go and the update in identity/handler.go):
/// password and totp are replaced; oidc, saml and lookup codes are appended; webauthn and passkey keys are upserted by
/// credential id. Configs are decoded strictly, as Kratos. Cleartext passwords are hashed before, by
/// <see cref="HashCleartextAsync"/> through the bounded hashing scheduler; <see cref="Apply"/> itself never hashes. Every failure is an
/// <see cref="InvalidRequestException"/> (400) with Kratos's text; no message contains a password or hash.
/// Identifiers that come from the schema (password, webauthn) are kept as they are: the schema extensions rebuild them.
/// </summary>
internal sealed class CredentialsImporter(PasswordHashing hashing)
{
    public const string PasskeyNeedsUserHandle = "Passkey credential import requires a non-empty user_handle.";
    public const string PasskeyNeedsCredential = "Passkey credential import requires at least one credential.";

    private static readonly string[] WebAuthnKeys =
        ["id", "public_key", "attestation_type", "authenticator", "display_name", "added_at", "is_passwordless", "flags", "transport", "attestation"];

    private const string PasswordConfigPath = "credentials.password.config";

    private static readonly string[] PasswordConfigKeys = ["hashed_password", "password", "use_password_migration_hook"];

    private readonly PasswordHashing _hashing = hashing ?? throw new ArgumentNullException(nameof(hashing));

    /// <summary>
    /// Hashes the cleartext <c>credentials.password.config.password</c> of <paramref name="import"/> through the hashing
    /// scheduler, in <paramref name="lane"/> (null: a lane of its own), and gives the import with that config replaced by
    /// <c>{"hashed_password": …}</c>, which <see cref="Apply"/> stores as it would have stored the cleartext's hash. Gives
    /// <paramref name="import"/> itself when there is no cleartext to hash (none, empty, or the migration hook is on).
    /// The password config is decoded strictly first, and a malformed one or a refused queue throws at once, before any
    /// hashing (<see cref="InvalidRequestException"/>, <see cref="HashingCapacityExceededException"/>).
    /// </summary>
    public Task<IdentityCredentialsImport?> HashCleartextAsync(IdentityCredentialsImport? import, HashingLane? lane, CancellationToken cancellationToken)
    {
        if (import?.Password is not { } part || CleartextOf(part) is not { } cleartext)
        {
            return Task.FromResult(import);
        }

        return WithHashAsync(import, _hashing.HashAsync(cleartext, lane, cancellationToken));
    }

    private static async Task<IdentityCredentialsImport?> WithHashAsync(IdentityCredentialsImport import, Task<string> hashing)
    {
        var hash = await hashing.ConfigureAwait(false);
        var config = new JsonObject { ["hashed_password"] = hash };
        return import with
        {
            Password = new CredentialsImportPart { Config = JsonSerializer.SerializeToElement<JsonNode>(config, OryIdentityJson.TypeInfo<JsonNode>()) },
        };
    }

    // The cleartext that importing this password config would hash, decoded strictly; null when nothing is hashed.
    private static string? CleartextOf(CredentialsImportPart part)
    {
        var config = ImportJson.Object(part.Config, PasswordConfigPath, PasswordConfigKeys);
        var cleartext = ImportJson.String(config, "password", PasswordConfigPath);
        return string.IsNullOrEmpty(cleartext) || ImportJson.Bool(config, "use_password_migration_hook", PasswordConfigPath) ? null : cleartext;
    }

    /// <summary>
    /// Applies <paramref name="import"/> to <paramref name="current"/>. A cleartext password must have been hashed by
    /// <see cref="HashCleartextAsync"/> first (an <see cref="InvalidOperationException"/> otherwise).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Part of the importer's API next to HashCleartextAsync.")]
    public IReadOnlyDictionary<CredentialsType, IdentityCredentials> Apply(
        IdentityCredentialsImport? import,
        IReadOnlyDictionary<CredentialsType, IdentityCredentials> current,
        Guid identityId,
        Instant now)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (import is null || import.IsEmpty)
        {
            return current;
        }

        var result = new Dictionary<CredentialsType, IdentityCredentials>(current);
        if (import.Password is { } password)
        {
            ImportPassword(result, password, now);
        }

        if (import.Oidc is { } oidc)
        {
            ImportProviders(result, CredentialsType.Oidc, oidc, now);
        }

        if (import.Saml is { } saml)
        {
            ImportProviders(result, CredentialsType.Saml, saml, now);
        }

        if (import.Totp is { } totp)
        {
            var config = ImportJson.Object(totp.Config, "credentials.totp.config", "totp_url");
            var url = ImportJson.String(config, "totp_url", "credentials.totp.config") ?? string.Empty;
            Set(result, CredentialsType.Totp, [identityId.ToString()], new JsonObject { ["totp_url"] = url }, version: 0, now);
        }

        if (import.LookupSecret is { } lookup)
        {
            ImportLookupCodes(result, lookup, identityId, now);
        }

        if (import.Webauthn is { } webauthn)
        {
            ImportKeys(result, CredentialsType.WebAuthn, webauthn, now);
        }

        if (import.Passkey is { } passkey)
        {
            ImportKeys(result, CredentialsType.Passkey, passkey, now);
        }

        return result;
    }

    private static void ImportPassword(Dictionary<CredentialsType, IdentityCredentials> result, CredentialsImportPart part, Instant now)
    {
        const string path = PasswordConfigPath;
        var config = ImportJson.Object(part.Config, path, PasswordConfigKeys);
        var hashed = ImportJson.String(config, "hashed_password", path);
        var cleartext = ImportJson.String(config, "password", path);
        var useHook = ImportJson.Bool(config, "use_password_migration_hook", path);

        JsonObject stored;
        if (useHook)
        {
            stored = new JsonObject { ["use_password_migration_hook"] = true };
        }
        else
        {
            var hash = string.IsNullOrEmpty(cleartext)
                ? hashed
                : throw new InvalidOperationException("A cleartext password reached the credentials import unhashed; hash it with HashCleartextAsync first.");
            PasswordHashImport.EnsureValid(hash);
            stored = new JsonObject { ["hashed_password"] = hash };
        }

        var identifiers = result.TryGetValue(CredentialsType.Password, out var existing) ? existing.Identifiers : [];
        Set(result, CredentialsType.Password, identifiers, stored, version: 1, now);
    }

    private static void ImportProviders(Dictionary<CredentialsType, IdentityCredentials> result, CredentialsType type, CredentialsImportPart part, Instant now)
    {
        var isOidc = type == CredentialsType.Oidc;
        var path = $"credentials.{type}.config";
        var config = ImportJson.Object(part.Config, path, "providers");
        var existing = result.GetValueOrDefault(type);
        var identifiers = new List<string>(existing?.Identifiers ?? []);
        var providers = ExistingArray(existing, "providers");

        foreach (var element in ImportJson.Array(config, "providers", path))
        {
            var providerPath = $"{path}.providers";
            var entry = isOidc
                ? ImportJson.Object(element, providerPath, "provider", "subject", "use_auto_link", "organization")
                : ImportJson.Object(element, providerPath, "provider", "subject", "organization");
            var provider = ImportJson.String(entry, "provider", providerPath) ?? string.Empty;
            var subject = ImportJson.String(entry, "subject", providerPath) ?? string.Empty;
            var organization = ImportJson.String(entry, "organization", providerPath);
            var autoLink = isOidc && ImportJson.Bool(entry, "use_auto_link", providerPath);
            if (provider.Length == 0 || subject.Length == 0)
            {
                throw new InvalidRequestException($"Each {type} provider to import needs a non-empty provider and subject.");
            }

            if (organization is not null && !Guid.TryParseExact(organization, "D", out _))
            {
                throw InvalidRequestException.WithMessage($"json: cannot unmarshal organization in field {providerPath}.organization: not a UUID");
            }

            var identifier = $"{provider}:{subject}";
            if (identifiers.Contains(identifier, StringComparer.Ordinal))
            {
                continue;
            }

            identifiers.Add(identifier);
            var stored = new JsonObject();
            if (isOidc)
            {
                stored["initial_id_token"] = string.Empty;
                stored["initial_access_token"] = string.Empty;
                stored["initial_refresh_token"] = string.Empty;
            }

            stored["subject"] = subject;
            stored["provider"] = provider;
            if (!string.IsNullOrEmpty(organization))
            {
                stored["organization"] = organization;
            }

            if (autoLink)
            {
                stored["use_auto_link"] = true;
            }

            providers.Add((JsonNode)stored);
        }

        Set(result, type, identifiers, new JsonObject { ["providers"] = providers }, version: 0, now);
    }

    private static void ImportLookupCodes(Dictionary<CredentialsType, IdentityCredentials> result, CredentialsImportPart part, Guid identityId, Instant now)
    {
        const string path = "credentials.lookup_secret.config";
        var config = ImportJson.Object(part.Config, path, "codes");
        var codes = ExistingArray(result.GetValueOrDefault(CredentialsType.LookupSecret), "recovery_codes");
        foreach (var element in ImportJson.Array(config, "codes", path))
        {
            var entry = ImportJson.Object(element, $"{path}.codes", "code", "used_at");
            var code = new JsonObject { ["code"] = ImportJson.String(entry, "code", $"{path}.codes") ?? string.Empty };
            if (ImportJson.String(entry, "used_at", $"{path}.codes") is { } usedAt)
            {
                if (!OffsetDateTimePattern.ExtendedIso.Parse(usedAt).Success)
                {
                    throw InvalidRequestException.WithMessage($"json: cannot parse used_at in field {path}.codes.used_at as RFC 3339");
                }

                code["used_at"] = usedAt;
            }

            codes.Add((JsonNode)code);
        }

        Set(result, CredentialsType.LookupSecret, [identityId.ToString()], new JsonObject { ["recovery_codes"] = codes }, version: 0, now);
    }

    private static void ImportKeys(Dictionary<CredentialsType, IdentityCredentials> result, CredentialsType type, CredentialsImportPart part, Instant now)
    {
        var path = $"credentials.{type}.config";
        var config = ImportJson.Object(part.Config, path, "credentials", "user_handle");
        var existing = result.GetValueOrDefault(type);
        var keys = ExistingArray(existing, "credentials");
        var imported = ImportJson.Array(config, "credentials", path);
        var userHandle = ImportJson.Bytes(config, "user_handle", path) is { Length: > 0 } given
            ? Convert.ToBase64String(given)
            : ExistingString(existing, "user_handle");

        var isPasskey = type == CredentialsType.Passkey;
        if (isPasskey && string.IsNullOrEmpty(userHandle))
        {
            throw new InvalidRequestException(PasskeyNeedsUserHandle);
        }

        if (isPasskey && imported.Length == 0)
        {
            throw new InvalidRequestException(PasskeyNeedsCredential);
        }

        foreach (var element in imported)
        {
            var keyPath = $"{path}.credentials";
            var key = ImportJson.Object(element, keyPath, WebAuthnKeys);
            _ = ImportJson.Object(ImportJson.Property(key, "authenticator"), $"{keyPath}.authenticator", "aaguid", "sign_count", "clone_warning");
            _ = ImportJson.Object(ImportJson.Property(key, "flags"), $"{keyPath}.flags", "user_present", "user_verified", "backup_eligible", "backup_state");
            _ = ImportJson.Object(ImportJson.Property(key, "attestation"), $"{keyPath}.attestation",
                "client_dataJSON", "authenticator_data", "object", "client_data_hash", "public_key_algorithm");
            if (ImportJson.Bytes(key, "id", keyPath) is not { Length: > 0 } id)
            {
                throw new InvalidRequestException($"Each {type} credential to import needs a non-empty id.");
            }

            var canonicalId = Convert.ToBase64String(id);
            var node = JsonNode.Parse(key!.Value.GetRawText())!;
            var index = IndexOfKey(keys, canonicalId);
            if (index >= 0)
            {
                keys[index] = node;
            }
            else
            {
                keys.Add(node);
            }
        }

        var stored = new JsonObject { ["credentials"] = keys };
        if (!string.IsNullOrEmpty(userHandle))
        {
            stored["user_handle"] = userHandle;
        }

        var identifiers = new List<string>(existing?.Identifiers ?? []);
        if (isPasskey)
        {
            var handle = Encoding.UTF8.GetString(Convert.FromBase64String(userHandle!));
            if (!identifiers.Contains(handle, StringComparer.Ordinal))
            {
                identifiers.Add(handle);
            }
        }

        Set(result, type, identifiers, stored, version: isPasskey ? 0 : 1, now);
    }

    private static int IndexOfKey(JsonArray keys, string canonicalId)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] is JsonObject key && key["id"] is JsonValue value && value.TryGetValue<string>(out var text)
                && GoBase64.TryDecode(text, padded: true, strict: false, out var bytes)
                && Convert.ToBase64String(bytes) == canonicalId)
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonArray ExistingArray(IdentityCredentials? credentials, string property) =>
        credentials?.Config is { ValueKind: JsonValueKind.Object } config
        && config.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? (JsonArray)JsonNode.Parse(array.GetRawText())!
            : [];

    private static string? ExistingString(IdentityCredentials? credentials, string property) =>
        credentials?.Config is { ValueKind: JsonValueKind.Object } config
        && config.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>
    /// The credentials with the password credential's hash replaced (keeping its identifiers and other config keys), for
    /// upgrading a hash after a successful login.
    /// </summary>
    public static IReadOnlyDictionary<CredentialsType, IdentityCredentials> WithPasswordHash(
        IReadOnlyDictionary<CredentialsType, IdentityCredentials> current, string hash, Instant now)
    {
        var result = new Dictionary<CredentialsType, IdentityCredentials>(current);
        var existing = result.GetValueOrDefault(CredentialsType.Password);
        var config = existing?.Config is { ValueKind: JsonValueKind.Object } c ? JsonObject.Create(c)!.DeepClone().AsObject() : new JsonObject();
        config["hashed_password"] = hash;
        config.Remove("use_password_migration_hook");
        Set(result, CredentialsType.Password, existing?.Identifiers ?? [], config, version: 1, now);
        return result;
    }

    private static void Set(
        Dictionary<CredentialsType, IdentityCredentials> result, CredentialsType type, IReadOnlyList<string> identifiers, JsonObject config, int version, Instant now)
    {
        var existing = result.GetValueOrDefault(type);
        result[type] = new IdentityCredentials
        {
            Type = type,
            Identifiers = [.. identifiers],
            Config = JsonSerializer.SerializeToElement<JsonNode>(config, OryIdentityJson.TypeInfo<JsonNode>()),
            Version = Math.Max(existing?.Version ?? 0, version),
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        };
    }
}
