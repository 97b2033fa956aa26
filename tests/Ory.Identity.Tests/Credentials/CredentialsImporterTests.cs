using System.Text.Json;
using NodaTime;

namespace Ory.Identity.Tests.Credentials;

public sealed class CredentialsImporterTests
{
    private static readonly Guid IdentityId = Guid.Parse("6f4a7c1e-2b9d-4f0a-9c3e-1d2b3c4d5e6f");
    private static readonly Instant Created = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant Now = Instant.FromUtc(2026, 2, 1, 0, 0);
    private static readonly IReadOnlyDictionary<CredentialsType, IdentityCredentials> None = new Dictionary<CredentialsType, IdentityCredentials>();

    private static readonly CredentialsImporter Argon2Importer = new(new PasswordHashing(HashersSettings.Create(new HashersOptions
    {
        Algorithm = "argon2",
        Argon2 = new Argon2HasherOptions { Memory = "64KB", Iterations = 1, Parallelism = 1 },
    })));

    private static IdentityCredentialsImport Parse(string credentialsJson) =>
        OryIdentityJson.Deserialize<CreateIdentityRequest>($"{{\"credentials\":{credentialsJson}}}").Credentials!;

    // As the identity manager does: cleartext is hashed through the scheduler first, then the import is applied.
    private static IReadOnlyDictionary<CredentialsType, IdentityCredentials> Apply(
        string json, IReadOnlyDictionary<CredentialsType, IdentityCredentials>? current = null, CredentialsImporter? importer = null)
    {
        var chosen = importer ?? Argon2Importer;
        var hashed = chosen.HashCleartextAsync(Parse(json), null, CancellationToken.None).GetAwaiter().GetResult();
        return chosen.Apply(hashed, current ?? None, IdentityId, Now);
    }

    private static InvalidRequestException Refused(string json, IReadOnlyDictionary<CredentialsType, IdentityCredentials>? current = null)
    {
        var act = () => Apply(json, current);
        var error = act.Should().Throw<InvalidRequestException>().Which;
        error.StatusCode.Should().Be(400);
        return error;
    }

    private static string Config(IReadOnlyDictionary<CredentialsType, IdentityCredentials> credentials, CredentialsType type) =>
        credentials[type].Config!.Value.GetRawText();

    private static string HashedJson(string hash) => "{\"password\":{\"config\":{\"hashed_password\":\"" + hash + "\"}}}";

    private static string Text(InvalidRequestException e) => e.Error.Reason ?? e.Error.Message;

    // ---- password ----

    [Fact]
    public void A_hashed_password_is_checked_and_stored()
    {
        const string hash = "$2a$10$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDyq";
        var result = Apply(HashedJson(hash));
        Config(result, CredentialsType.Password).Should().Be("{\"hashed_password\":\"" + hash + "\"}");
        result[CredentialsType.Password].Identifiers.Should().BeEmpty();
        result[CredentialsType.Password].Version.Should().Be(1);
        result[CredentialsType.Password].CreatedAt.Should().Be(Now);
        PasswordHashVerifier.Verify("123456", result[CredentialsType.Password].Config!.Value.GetProperty("hashed_password").GetString()!).Should().BeTrue();
    }

    [Fact]
    public void Cleartext_is_hashed_with_the_configured_hasher_and_takes_precedence_over_hashed_password()
    {
        var result = Apply("""{"password":{"config":{"password":"foo-bar-baz","hashed_password":"$md5$CY9rzUYh03PK3k6DJie09g=="}}}""");
        var stored = result[CredentialsType.Password].Config!.Value.GetProperty("hashed_password").GetString()!;
        stored.Should().StartWith("$argon2id$v=19$m=64,t=1,p=1$");
        PasswordHashVerifier.Verify("foo-bar-baz", stored).Should().BeTrue();
    }

    [Fact]
    public void Cleartext_is_hashed_with_bcrypt_when_configured()
    {
        var importer = new CredentialsImporter(new PasswordHashing(HashersSettings.Default));
        var stored = Apply("""{"password":{"config":{"password":"foo-bar-baz"}}}""", importer: importer)[CredentialsType.Password]
            .Config!.Value.GetProperty("hashed_password").GetString()!;
        stored.Should().StartWith("$2a$12$");
        PasswordHashVerifier.Verify("foo-bar-baz", stored).Should().BeTrue();

        var tooLong = new string('a', 73);
        var act = () => Apply("{\"password\":{\"config\":{\"password\":\"" + tooLong + "\"}}}", importer: importer);
        var error = act.Should().Throw<InvalidRequestException>().Which;
        error.Message.Should().NotContain(tooLong);
        Text(error).Should().Be(PasswordHashing.BcryptPasswordTooLong);
    }

    [Fact]
    public async Task Hashing_the_cleartext_leaves_an_import_without_cleartext_or_another_password_config_as_it_is()
    {
        var cleartext = Parse("""{"password":{"config":{"password":"foo-bar-baz"}}}""");
        var hashed = await Argon2Importer.HashCleartextAsync(cleartext, null, CancellationToken.None);
        var config = hashed!.Password!.Config!.Value;
        config.EnumerateObject().Select(p => p.Name).Should().Equal("hashed_password");
        PasswordHashVerifier.Verify("foo-bar-baz", config.GetProperty("hashed_password").GetString()!).Should().BeTrue();

        foreach (var json in new[]
                 {
                     """{"password":{"config":{"hashed_password":"$md5$CY9rzUYh03PK3k6DJie09g=="}}}""",
                     """{"password":{"config":{"password":"foo","use_password_migration_hook":true}}}""",
                     """{"oidc":{"config":{"providers":[{"provider":"g","subject":"1"}]}}}""",
                 })
        {
            var import = Parse(json);
            (await Argon2Importer.HashCleartextAsync(import, null, CancellationToken.None)).Should().BeSameAs(import);
        }

        (await Argon2Importer.HashCleartextAsync(null, null, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public void A_malformed_password_config_is_refused_before_any_hashing()
    {
        Action act = () => _ = Argon2Importer.HashCleartextAsync(Parse("""{"password":{"config":{"password":"foo","pepper":1}}}"""), null, CancellationToken.None);
        act.Should().Throw<InvalidRequestException>().Which.Error.Message.Should().Be("json: unknown field \"pepper\"");
    }

    [Fact]
    public void Applying_a_cleartext_password_that_was_not_hashed_first_is_a_programming_error()
    {
        var act = () => Argon2Importer.Apply(Parse("""{"password":{"config":{"password":"foo-bar-baz"}}}"""), None, IdentityId, Now);
        act.Should().Throw<InvalidOperationException>().Which.Message.Should().NotContain("foo-bar-baz");
    }

    [Fact]
    public void The_migration_hook_stores_no_hash()
    {
        var result = Apply("""{"password":{"config":{"use_password_migration_hook":true,"hashed_password":"$md5$CY9rzUYh03PK3k6DJie09g=="}}}""");
        Config(result, CredentialsType.Password).Should().Be("""{"use_password_migration_hook":true}""");
    }

    [Theory]
    [InlineData("""{"password":{"config":{}}}""")]
    [InlineData("""{"password":{}}""")]
    [InlineData("""{"password":{"config":{"password":"","hashed_password":""}}}""")]
    [InlineData("""{"password":{"config":{"use_password_migration_hook":false}}}""")]
    [InlineData("""{"password":{"config":{"hashed_password":"hunter2"}}}""")]
    public void Neither_a_known_hash_nor_a_password_is_the_unknown_format_error(string json) =>
        Text(Refused(json)).Should().Be("The imported password does not match any known hash format.");

    [Theory]
    [InlineData("$2a$20$abcdefghijklmnopqrstuugn/uitWMnDoOdJaSWqW1pjEXZ8eOSCqK", "The imported password hash declares cost parameters that exceed the bounds enforced by Ory. Re-hash the password with a more conservative configuration before importing.")]
    [InlineData("$argon2id$v=19$m=32,t=2,p=4$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRN2", "The imported password hash could not be parsed.")]
    public void Bad_hashes_get_Kratos_texts_and_the_hash_is_never_in_the_message(string hash, string text)
    {
        var error = Refused(HashedJson(hash));
        Text(error).Should().Be(text);
        error.Message.Should().NotContain(hash);
        JsonSerializer.Serialize(error.Error, OryIdentityJson.TypeInfo<OryError>()).Should().NotContain(hash);
    }

    [Theory]
    [InlineData("""{"password":{"config":{"hashed_password":"$md5$CY9rzUYh03PK3k6DJie09g==","foo":1}}}""", "foo")]
    [InlineData("""{"oidc":{"config":{"providers":[{"provider":"g","subject":"1","token":"x"}]}}}""", "token")]
    [InlineData("""{"saml":{"config":{"providers":[{"provider":"g","subject":"1","use_auto_link":true}]}}}""", "use_auto_link")]
    [InlineData("""{"totp":{"config":{"totp_url":"otpauth://totp/x?secret=A","issuer":"x"}}}""", "issuer")]
    [InlineData("""{"lookup_secret":{"config":{"codes":[{"code":"a","used":true}]}}}""", "used")]
    [InlineData("""{"webauthn":{"config":{"credentials":[],"rp_id":"x"}}}""", "rp_id")]
    [InlineData("""{"webauthn":{"config":{"credentials":[{"id":"AQID","nickname":"k"}]}}}""", "nickname")]
    [InlineData("""{"passkey":{"config":{"user_handle":"dXNlcg==","credentials":[{"id":"AQID","authenticator":{"counter":1}}]}}}""", "counter")]
    public void Unknown_config_fields_are_refused_as_Kratos_decoder_does(string json, string field)
    {
        var error = Refused(json);
        error.Error.Message.Should().Be($"json: unknown field \"{field}\"");
    }

    [Fact]
    public void Keys_match_case_insensitively_as_Go()
    {
        var result = Apply("""{"password":{"config":{"Hashed_Password":"$md5$CY9rzUYh03PK3k6DJie09g=="}}}""");
        Config(result, CredentialsType.Password).Should().Contain("$md5$");
    }

    [Fact]
    public void Wrong_json_types_are_refused_without_echoing_the_value()
    {
        var error = Refused("""{"password":{"config":{"password":12345678}}}""");
        error.Error.Message.Should().StartWith("json: cannot unmarshal number into Go struct field").And.NotContain("12345678");
    }

    [Fact]
    public void The_password_is_replaced_on_update_and_keeps_its_identifiers_and_creation_time()
    {
        var first = Apply("""{"password":{"config":{"hashed_password":"$md5$CY9rzUYh03PK3k6DJie09g=="}}}""");
        var current = new Dictionary<CredentialsType, IdentityCredentials>
        {
            [CredentialsType.Password] = first[CredentialsType.Password] with { Identifiers = ["a@example.com"], CreatedAt = Created },
        };
        var updated = Apply("""{"password":{"config":{"hashed_password":"$md5$ptoWyof5SobW+pbZu2QXoQ=="}}}""", current);
        Config(updated, CredentialsType.Password).Should().Contain("ptoWyof5SobW");
        updated[CredentialsType.Password].Identifiers.Should().Equal("a@example.com");
        updated[CredentialsType.Password].CreatedAt.Should().Be(Created);
        updated[CredentialsType.Password].UpdatedAt.Should().Be(Now);
    }

    // ---- oidc / saml ----

    [Fact]
    public void Oidc_providers_become_provider_subject_identifiers_with_empty_tokens()
    {
        var result = Apply("""{"oidc":{"config":{"providers":[{"provider":"google","subject":"abc","use_auto_link":true,"organization":"2d3c4b5a-1f2e-4d3c-8b7a-6f5e4d3c2b1a"},{"provider":"github","subject":"X"}]}}}""");
        result[CredentialsType.Oidc].Identifiers.Should().Equal("google:abc", "github:X");
        var providers = result[CredentialsType.Oidc].Config!.Value.GetProperty("providers");
        providers.GetArrayLength().Should().Be(2);
        providers[0].GetProperty("initial_id_token").GetString().Should().BeEmpty();
        providers[0].GetProperty("initial_access_token").GetString().Should().BeEmpty();
        providers[0].GetProperty("initial_refresh_token").GetString().Should().BeEmpty();
        providers[0].GetProperty("use_auto_link").GetBoolean().Should().BeTrue();
        providers[0].GetProperty("organization").GetString().Should().Be("2d3c4b5a-1f2e-4d3c-8b7a-6f5e4d3c2b1a");
        providers[1].TryGetProperty("use_auto_link", out _).Should().BeFalse();
        providers[1].TryGetProperty("organization", out _).Should().BeFalse();
    }

    [Fact]
    public void Oidc_and_saml_are_appended_on_update_without_duplicates()
    {
        var first = Apply("""{"oidc":{"config":{"providers":[{"provider":"google","subject":"abc"}]}},"saml":{"config":{"providers":[{"provider":"okta","subject":"u1"}]}}}""");
        var second = Apply(
            """{"oidc":{"config":{"providers":[{"provider":"google","subject":"abc"},{"provider":"apple","subject":"z"}]}},"saml":{"config":{"providers":[{"provider":"okta","subject":"u2"}]}}}""",
            first);
        second[CredentialsType.Oidc].Identifiers.Should().Equal("google:abc", "apple:z");
        second[CredentialsType.Oidc].Config!.Value.GetProperty("providers").GetArrayLength().Should().Be(2);
        second[CredentialsType.Saml].Identifiers.Should().Equal("okta:u1", "okta:u2");
        second[CredentialsType.Saml].Config!.Value.GetProperty("providers")[0].TryGetProperty("initial_id_token", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"oidc":{"config":{"providers":[{"provider":"google","subject":""}]}}}""")]
    [InlineData("""{"oidc":{"config":{"providers":[{"subject":"abc"}]}}}""")]
    [InlineData("""{"oidc":{"config":{"providers":[{"provider":"google","subject":"abc","organization":"not-a-uuid"}]}}}""")]
    [InlineData("""{"oidc":{"config":{"providers":{}}}}""")]
    public void Bad_providers_are_refused(string json) => Refused(json);

    // ---- totp / lookup ----

    [Fact]
    public void Totp_is_replaced_and_identified_by_the_identity_id()
    {
        var first = Apply("""{"totp":{"config":{"totp_url":"otpauth://totp/a?secret=AAAA"}}}""");
        first[CredentialsType.Totp].Identifiers.Should().Equal(IdentityId.ToString());
        var second = Apply("""{"totp":{"config":{"totp_url":"otpauth://totp/a?secret=BBBB"}}}""", first);
        Config(second, CredentialsType.Totp).Should().Be("""{"totp_url":"otpauth://totp/a?secret=BBBB"}""");
    }

    [Fact]
    public void Lookup_codes_are_stored_as_recovery_codes_and_appended()
    {
        var first = Apply("""{"lookup_secret":{"config":{"codes":[{"code":"aaaa"},{"code":"bbbb","used_at":"2026-01-02T03:04:05Z"}]}}}""");
        first[CredentialsType.LookupSecret].Identifiers.Should().Equal(IdentityId.ToString());
        Config(first, CredentialsType.LookupSecret).Should().Be("""{"recovery_codes":[{"code":"aaaa"},{"code":"bbbb","used_at":"2026-01-02T03:04:05Z"}]}""");
        var second = Apply("""{"lookup_secret":{"config":{"codes":[{"code":"cccc"}]}}}""", first);
        second[CredentialsType.LookupSecret].Config!.Value.GetProperty("recovery_codes").GetArrayLength().Should().Be(3);
        Refused("""{"lookup_secret":{"config":{"codes":[{"code":"x","used_at":"yesterday"}]}}}""");
    }

    // ---- webauthn / passkey ----

    [Fact]
    public void Webauthn_keys_are_upserted_by_id_and_the_user_handle_is_kept()
    {
        var first = Apply("""{"webauthn":{"config":{"user_handle":"aGFuZGxl","credentials":[{"id":"AQID","display_name":"one"},{"id":"BAUG","display_name":"two"}]}}}""");
        first[CredentialsType.WebAuthn].Version.Should().Be(1);
        var second = Apply("""{"webauthn":{"config":{"credentials":[{"id":"AQID","display_name":"one again"},{"id":"BwgJ","display_name":"three"}]}}}""", first);
        var config = second[CredentialsType.WebAuthn].Config!.Value;
        config.GetProperty("user_handle").GetString().Should().Be("aGFuZGxl");
        config.GetProperty("credentials").EnumerateArray().Select(c => c.GetProperty("display_name").GetString())
            .Should().Equal("one again", "two", "three");
    }

    [Fact]
    public void Passkeys_need_a_user_handle_and_a_credential_and_are_identified_by_the_handle()
    {
        Text(Refused("""{"passkey":{"config":{"credentials":[{"id":"AQID"}]}}}""")).Should().Be(CredentialsImporter.PasskeyNeedsUserHandle);
        Text(Refused("""{"passkey":{"config":{"user_handle":"","credentials":[{"id":"AQID"}]}}}""")).Should().Be(CredentialsImporter.PasskeyNeedsUserHandle);
        Text(Refused("""{"passkey":{"config":{"user_handle":"dXNlci0x","credentials":[]}}}""")).Should().Be(CredentialsImporter.PasskeyNeedsCredential);

        var first = Apply("""{"passkey":{"config":{"user_handle":"dXNlci0x","credentials":[{"id":"AQID","is_passwordless":true}]}}}""");
        first[CredentialsType.Passkey].Identifiers.Should().Equal("user-1");

        // On update the previous handle is used when none is given.
        var second = Apply("""{"passkey":{"config":{"credentials":[{"id":"BAUG"}]}}}""", first);
        second[CredentialsType.Passkey].Identifiers.Should().Equal("user-1");
        second[CredentialsType.Passkey].Config!.Value.GetProperty("credentials").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public void Keys_need_an_id()
    {
        Refused("""{"webauthn":{"config":{"credentials":[{"display_name":"no id"}]}}}""");
        Refused("""{"webauthn":{"config":{"credentials":[{"id":"***"}]}}}""");
    }

    // ---- general ----

    [Fact]
    public void Nothing_to_import_returns_the_current_credentials()
    {
        var current = Apply("""{"totp":{"config":{"totp_url":"otpauth://totp/a?secret=AAAA"}}}""");
        Argon2Importer.Apply(null, current, IdentityId, Now).Should().BeSameAs(current);
        Argon2Importer.Apply(new IdentityCredentialsImport(), current, IdentityId, Now).Should().BeSameAs(current);
    }

    [Fact]
    public void Parts_not_sent_are_kept_on_update()
    {
        var first = Apply("""{"totp":{"config":{"totp_url":"otpauth://totp/a?secret=AAAA"}},"oidc":{"config":{"providers":[{"provider":"g","subject":"1"}]}}}""");
        var second = Apply("""{"lookup_secret":{"config":{"codes":[{"code":"x"}]}}}""", first);
        second.Keys.Should().BeEquivalentTo([CredentialsType.Totp, CredentialsType.Oidc, CredentialsType.LookupSecret]);
        second[CredentialsType.Totp].Should().BeSameAs(first[CredentialsType.Totp]);
    }
}
