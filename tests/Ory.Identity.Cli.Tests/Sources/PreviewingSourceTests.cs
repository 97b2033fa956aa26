using System.Text;
using Ory.Identity.Cli.Sources;

namespace Ory.Identity.Cli.Tests.Sources;

public sealed class PreviewingSourceTests
{
    [Fact]
    public void The_dry_run_preview_shows_the_mapping_but_no_password_hash_cleartext_password_totp_key_or_recovery_code()
    {
        const string item = """
            {"schema_id":"default","external_id":"user-1","traits":{"email":"a@example.com"},"credentials":{
              "password":{"config":{"hashed_password":"$2a$12$secret-hash","password":"cleartext secret"}},
              "totp":{"config":{"totp_url":"otpauth://totp/x?secret=TOTPKEY"}},
              "lookup_secret":{"config":{"codes":[{"code":"recovery-code-1"},{"code":"recovery-code-2"}]}}}}
            """;

        var preview = PreviewingSource.Redact(Encoding.UTF8.GetBytes(item));

        preview.Should().Contain("\"external_id\": \"user-1\"").And.Contain("(2 codes, redacted)");
        preview.Should().NotContainAny("secret-hash", "cleartext secret", "TOTPKEY", "recovery-code-1");
    }
}
