
namespace Ory.Identity.Tests.Credentials.Hashing;

/// <summary>Hashes declaring ruinous costs or broken layouts are refused at import with Kratos's texts and fail verification at once.</summary>
public sealed class HostileHashTests
{
    [Theory]
    [InlineData("$2a$31$abcdefghijklmnopqrstuugn/uitWMnDoOdJaSWqW1pjEXZ8eOSCqK")]
    [InlineData("$2b$16$abcdefghijklmnopqrstuugn/uitWMnDoOdJaSWqW1pjEXZ8eOSCqK")]
    [InlineData("$argon2id$v=19$m=4194304,t=1,p=1$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw")]
    [InlineData("$argon2id$v=19$m=65536,t=11,p=1$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw")]
    [InlineData("$argon2i$v=19$m=65536,t=1,p=17$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw")]
    [InlineData("$argon2id$v=19$m=0,t=1,p=1$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw")]
    [InlineData("$scrypt$ln=1073741824,r=8,p=1$c2FsdHNhbHRzYWx0$aGFzaA==")]
    [InlineData("$scrypt$ln=16384,r=8,p=11$c2FsdHNhbHRzYWx0$aGFzaA==")]
    [InlineData("$firescrypt$ln=30,r=8,p=1$c2FsdHNhbHRzYWx0$aGFzaA==$Bw==$a2V5a2V5")]
    [InlineData("$pbkdf2-sha256$i=1000000000,l=32$1jP+5Zxpxgtee/iPxGgOz0RfE9/KJuDElP1ley4VxXc$QJxzfvdbHYBpydCbHoFg3GJEqMFULwskiuqiJctoYpI")]
    [InlineData("$pbkdf2-sha256$i=0,l=32$1jP+5Zxpxgtee/iPxGgOz0RfE9/KJuDElP1ley4VxXc$QJxzfvdbHYBpydCbHoFg3GJEqMFULwskiuqiJctoYpI")]
    [InlineData("$sha512-crypt$rounds=999999999$3LVbIAVxR//cRajw$uuNasMW.RYxlGzIRFU1Was70BPSa933AjxhZIGJdJBOlqJAHlgqa0yuiuq5JHF/ryNGryJkj87G9i3G2HPSXg1")]
    public void Ruinous_costs_are_out_of_bounds_at_import_and_fail_fast_at_verification(string hash)
    {
        PasswordHashImport.Validate(hash).Should().Be(PasswordHashImport.OutOfBounds);
        PasswordHashVerifier.Verify("any-password", hash).Should().BeFalse();
    }

    [Fact]
    public void A_long_declared_pbkdf2_key_cannot_multiply_the_iterations()
    {
        var longKey = Convert.ToBase64String(new byte[4096]).TrimEnd('=');
        var hash = $"$pbkdf2-sha1$i=10000000,l=4096$c2FsdA${longKey}";
        PasswordHashImport.Validate(hash).Should().Be(PasswordHashImport.OutOfBounds);
        PasswordHashVerifier.Verify("x", hash).Should().BeFalse();
    }

    [Theory]
    [InlineData("$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkf")] // 58 characters: Go wants at least 59
    [InlineData("$2a$1x$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6")]
    [InlineData("$2a$03$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6")]
    [InlineData("$2a$12$o6hx.Wog/wvFSkT/Bp/6D!xCtLRTDj7lm9on9suF/WaCGNVHbkfL6")]
    [InlineData("$argon2id$v=18$m=32,t=2,p=4$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw")]
    [InlineData("$argon2id$v=19$m=32,t=2$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw")]
    [InlineData("$argon2id$v=19$m=32,t=2,p=256$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw")]
    [InlineData("$argon2id$v=19$m=32,t=2,p=4$cm94YnRVOW5jZzFzcVE4bQ$")]
    [InlineData("$argon2id$v=19$m=32,t=2,p=4$cm94YnRVOW5jZzFzcVE4bQ==$MNzk5BtR2vUhrp6qQEjRNw")]
    [InlineData("$argon2id$v=19$m=32,t=2,p=4$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw$extra")]
    [InlineData("$pbkdf2-sha256$i=1000,l=32$c2FsdA$")]
    [InlineData("$scrypt$ln=16384,r=8,p=1$c2FsdA==$")]
    [InlineData("$scrypt$ln=1,r=8,p=1$c2FsdA==$aGFzaA==")]
    [InlineData("$firescrypt$ln=0,r=8,p=1$c2FsdA==$aGFzaA==$Bw==$a2V5")]
    [InlineData("$firescrypt$ln=14,r=8,p=1$c2FsdA==$$Bw==$")]
    [InlineData("$firescrypt$ln=14,r=8,p=1$c2FsdA==$aGFzaA==$Bw==")]
    [InlineData("AAAA")] // ASP.NET Identity v2 marker, wrong length
    [InlineData("AQAAAAEAACcQAAAAEA==")] // ASP.NET Identity v3 header without salt and subkey
    public void Malformed_fully_parsed_hashes_could_not_be_parsed(string hash)
    {
        PasswordHashImport.Validate(hash).Should().Be(PasswordHashImport.Unparsable);
        PasswordHashVerifier.Verify("x", hash).Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("plaintext")]
    [InlineData("$1$saltstri$qQY4WxjABChYG1ccLpfkz/")]
    [InlineData("$6$rounds=5000$salt$key")]
    [InlineData("$argon2d$v=19$m=32,t=2,p=4$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw")]
    [InlineData("$pbkdf2-sha$i=1,l=1$c2FsdA$aGFzaA")]
    [InlineData("{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=")]
    [InlineData("{SSHA2}qUqP5cyxm6YcTAhz05Hph5gvu9M=")]
    [InlineData("$hmac-sha3$ZmU=$MTI=")]
    [InlineData("Ag==")] // base64, but not an ASP.NET Identity marker
    public void Unknown_prefixes_do_not_match_any_known_format(string hash)
    {
        PasswordHashImport.Validate(hash).Should().Be(PasswordHashImport.UnknownFormat);
        PasswordHashVerifier.Verify("x", hash).Should().BeFalse();
    }

    [Theory]
    [InlineData("$md5$notbase64!")]
    [InlineData("$sha1$pf=x$y$z")]
    [InlineData("$hmac-md5$x")]
    [InlineData("{SSHA}short")]
    [InlineData("$md5-crypt$nosalt")]
    [InlineData("$sha256-crypt$rounds=12$salt$key")]
    public void Other_families_are_only_prefix_checked_at_import_and_fail_at_verification(string hash)
    {
        PasswordHashImport.Validate(hash).Should().BeNull();
        PasswordHashVerifier.Verify("x", hash).Should().BeFalse();
    }

    [Fact]
    public void Empty_keys_never_match_any_password()
    {
        // Go would compare two empty keys as equal; Ory.Identity refuses them.
        PasswordHashVerifier.Verify("anything", "$pbkdf2-sha256$i=1,l=0$c2FsdA$").Should().BeFalse();
        PasswordHashVerifier.Verify("anything", "$scrypt$ln=2,r=1,p=1$c2FsdA==$").Should().BeFalse();
        PasswordHashVerifier.Verify("anything", "$firescrypt$ln=1,r=1,p=1$c2FsdA==$$Bw==$").Should().BeFalse();
    }

    [Fact]
    public void Passwords_over_72_bytes_never_match_a_bcrypt_hash()
    {
        var password = new string('a', 73);
        var hash = BCrypt.Net.BCrypt.HashPassword(password[..72], 4);
        PasswordHashVerifier.Verify(password[..72], hash).Should().BeTrue();
        PasswordHashVerifier.Verify(password, hash).Should().BeFalse();
    }

    [Fact]
    public void Huge_passwords_are_refused_before_any_work()
    {
        PasswordHashVerifier.Verify(new string('p', 100_000), "$sha512-crypt$rounds=999999$salt$key").Should().BeFalse();
        PasswordHashVerifier.Verify(new string('p', 300), "$sha512-crypt$rounds=999999$salt$key").Should().BeFalse();
    }
}
