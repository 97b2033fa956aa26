namespace Ory.Identity.Tests.Credentials.Hashing;

/// <summary>The password length limits are inclusive: 72 bytes for bcrypt, 4096 bytes for every format.</summary>
public sealed class PasswordLengthLimitTests
{
    [Fact]
    public void Bcrypt_hashes_a_password_of_exactly_72_bytes()
    {
        var hashing = new PasswordHashing(HashersSettings.Default);
        var password = new string('ü', 36); // 72 UTF-8 bytes

        var hash = hashing.Hash(password);

        hashing.Verify(password, hash).Succeeded.Should().BeTrue();
        hashing.Verify(password[..35], hash).Succeeded.Should().BeFalse();
    }

    [Fact]
    public void Argon2_hashes_a_password_of_exactly_4096_bytes_and_verification_stops_above()
    {
        var hashing = new PasswordHashing(HashersSettings.Create(new HashersOptions
        {
            Algorithm = "argon2",
            Argon2 = new Argon2HasherOptions { Memory = "64KB", Iterations = 1, Parallelism = 1 },
        }));
        var password = new string('x', 4096);

        var hash = hashing.Hash(password);

        hashing.Verify(password, hash).Succeeded.Should().BeTrue();
        PasswordHashVerifier.Verify(System.Text.Encoding.UTF8.GetBytes(password + "x"), hash).Should().BeFalse();
    }

    [Fact]
    public void A_password_over_4096_bytes_is_refused_with_bcrypt_too_and_never_verifies()
    {
        var hashing = new PasswordHashing(HashersSettings.Default);
        var password = new string('x', 4097);

        var hash = () => hashing.Hash(password);

        hash.Should().Throw<InvalidRequestException>().Which.Error.Reason.Should().Be(PasswordHashing.PasswordTooLong);
        hashing.Verify(password, "$md5$CY9rzUYh03PK3k6DJie09g==").Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public void Verify_never_accepts_an_empty_stored_hash()
    {
        var hashing = new PasswordHashing(HashersSettings.Default);

        hashing.Verify("", "").Should().Be(PasswordVerification.Failed);
        var nullPassword = () => hashing.Verify(null!, "$md5$CY9rzUYh03PK3k6DJie09g==");
        nullPassword.Should().Throw<ArgumentNullException>();
    }
}
