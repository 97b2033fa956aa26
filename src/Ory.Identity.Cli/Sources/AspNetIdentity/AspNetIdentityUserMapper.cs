using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Sources.AspNetIdentity;

/// <summary>
/// Writes one ASP.NET Core Identity user as Kratos's <c>createIdentityBody</c>:
/// traits from the mapping; <c>Id</c> → <c>external_id</c>; <c>PasswordHash</c> → <c>password.hashed_password</c> as is
/// (v2 and v3 verify natively and are rehashed on first sign-in); <c>EmailConfirmed</c> → the email's verifiable address
/// <c>verified</c>, <c>status: completed</c>; AspNetUserLogins → <c>oidc</c> providers (<c>provider</c> = LoginProvider,
/// <c>subject</c> = ProviderKey); with two-factor enabled, the authenticator key → a <c>totp</c> credential and the
/// recovery codes → a <c>lookup_secret</c> credential; locked out for good (lockout enabled, <c>LockoutEnd</c> at the
/// maximum) → <c>state: inactive</c>.
/// </summary>
internal static class AspNetIdentityUserMapper
{
    public static ImportItem Map(AspNetIdentityUser user, AspNetIdentityMapping mapping)
    {
        var traits = Traits(user, mapping);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema_id", mapping.SchemaId);
            writer.WritePropertyName("traits");
            traits.WriteTo(writer);
            writer.WriteString("external_id", user.Id);
            writer.WriteString("state", IsLockedOutForGood(user) ? "inactive" : "active");
            var email = Text(user.Columns["Email"]);
            if (email is not null && Flag(user.Columns["EmailConfirmed"]))
            {
                writer.WriteStartArray("verifiable_addresses");
                writer.WriteStartObject();
                writer.WriteString("value", email);
                writer.WriteString("via", "email");
                writer.WriteBoolean("verified", true);
                writer.WriteString("status", "completed");
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            WriteCredentials(writer, user, email, mapping);
            writer.WriteEndObject();
        }

        return new ImportItem("user " + user.Id, buffer.ToArray());
    }

    private static void WriteCredentials(Utf8JsonWriter writer, AspNetIdentityUser user, string? email, AspNetIdentityMapping mapping)
    {
        var hash = Text(user.Columns["PasswordHash"]);
        var twoFactor = Flag(user.Columns["TwoFactorEnabled"]);
        var key = twoFactor && user.Tokens.TryGetValue("AuthenticatorKey", out var k) && k.Length > 0 ? k : null;
        var codes = twoFactor && user.Tokens.TryGetValue("RecoveryCodes", out var c)
            ? c.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        if (hash is null && user.Logins.Count == 0 && key is null && codes.Length == 0)
        {
            return;
        }

        writer.WriteStartObject("credentials");
        if (hash is not null)
        {
            writer.WriteStartObject("password");
            writer.WriteStartObject("config");
            writer.WriteString("hashed_password", hash);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (user.Logins.Count > 0)
        {
            writer.WriteStartObject("oidc");
            writer.WriteStartObject("config");
            writer.WriteStartArray("providers");
            foreach (var (provider, subject) in user.Logins)
            {
                writer.WriteStartObject();
                writer.WriteString("provider", provider);
                writer.WriteString("subject", subject);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (key is not null)
        {
            writer.WriteStartObject("totp");
            writer.WriteStartObject("config");
            writer.WriteString("totp_url", TotpUrl(key, email ?? user.Id, mapping.TotpIssuer));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (codes.Length > 0)
        {
            writer.WriteStartObject("lookup_secret");
            writer.WriteStartObject("config");
            writer.WriteStartArray("codes");
            foreach (var code in codes)
            {
                writer.WriteStartObject();
                writer.WriteString("code", code);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    // The URL ASP.NET Core's authenticator page shows as a QR code: otpauth://totp/<issuer>:<account>?secret=<key>&issuer=<issuer>&digits=6.
    private static string TotpUrl(string key, string account, string issuer) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()}&issuer={Uri.EscapeDataString(issuer)}&digits=6";

    private static JsonObject Traits(AspNetIdentityUser user, AspNetIdentityMapping mapping)
    {
        var traits = new JsonObject();
        foreach (var trait in mapping.Traits)
        {
            JsonNode? value;
            if (user.Columns.TryGetValue(trait.From, out var column))
            {
                value = column switch
                {
                    null => null,
                    bool b => JsonValue.Create(b),
                    long or int or short => JsonValue.Create(Convert.ToInt64(column, CultureInfo.InvariantCulture)),
                    _ => JsonValue.Create(Convert.ToString(column, CultureInfo.InvariantCulture)),
                };
            }
            else
            {
                var claims = user.Claims.Where(c => c.Type == trait.From).Select(c => c.Value).ToList();
                value = claims.Count == 0 ? null : JsonValue.Create(claims[0]);
            }

            if (value is null)
            {
                continue;
            }

            var parent = traits;
            foreach (var segment in trait.Segments.SkipLast(1))
            {
                parent = parent[segment] as JsonObject ?? (JsonObject)(parent[segment] = new JsonObject());
            }

            parent[trait.Segments[^1]] = value;
        }

        return traits;
    }

    private static bool IsLockedOutForGood(AspNetIdentityUser user) =>
        Flag(user.Columns["LockoutEnabled"]) && user.Columns["LockoutEnd"] switch
        {
            null => false,
            DateTimeOffset end => end.Year >= 9999,
            DateTime end => end.Year >= 9999,
            string text => text.StartsWith("infinity", StringComparison.OrdinalIgnoreCase)
                           || (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var end) && end.Year >= 9999),
            _ => false,
        };

    private static bool Flag(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s is "1" or "true" or "True",
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
    };

    private static string? Text(object? value) => value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } s ? s : null;
}
