namespace Ory.Identity.Tests.Credentials.Hashing;

/// <summary>Argon2 inputs at the edges that the hash properties found: the empty password and keys under four bytes.</summary>
public sealed class Argon2EdgeCaseTests
{
    [Theory]
    [InlineData("64KB", 2)] // m > 8p
    [InlineData("16KB", 2)] // m = 8p
    public void The_empty_password_hashes_and_verifies_like_any_other(string memory, int parallelism)
    {
        var hashing = new PasswordHashing(HashersSettings.Create(new HashersOptions
        {
            Algorithm = "argon2",
            Argon2 = new Argon2HasherOptions { Memory = memory, Iterations = 1, Parallelism = parallelism },
        }));

        var hash = hashing.Hash(string.Empty);

        PasswordHashVerifier.Verify(string.Empty, hash).Should().BeTrue();
        PasswordHashVerifier.Verify("x", hash).Should().BeFalse();
        PasswordHashVerifier.Verify(string.Empty, hashing.Hash("x")).Should().BeFalse();
    }

    [Theory]
    [InlineData(16, 1, 1, "eO7zzDtTxg+cAA9ZfhQGzw")]
    [InlineData(64, 1, 1, "gzxl0pVpAVzRX23Q0eoh4A")]
    [InlineData(64, 2, 2, "ZvDw33HLImLsUnQ3J2k8zg")]
    public void The_empty_password_verifies_against_keys_of_the_reference_implementation(int memory, int iterations, int parallelism, string key)
    {
        // Keys computed with the Argon2 reference library (libargon2's argon2id_hash_raw), salt "saltsaltsaltsalt".
        var hash = $"$argon2id$v=19$m={memory},t={iterations},p={parallelism}$c2FsdHNhbHRzYWx0c2FsdA${key}";
        PasswordHashVerifier.Verify(string.Empty, hash).Should().BeTrue();
        PasswordHashVerifier.Verify(" ", hash).Should().BeFalse();
    }

    [Theory]
    [InlineData("AA")] // 1 byte
    [InlineData("AAAA")] // 3 bytes
    public void Keys_shorter_than_four_bytes_could_not_be_parsed_and_never_verify(string key)
    {
        foreach (var memory in new[] { 1, 64 }) // below and above 8 KiB per lane: both implementations
        {
            var hash = $"$argon2id$v=19$m={memory},t=1,p=1$c2FsdHNhbHQ${key}";
            PasswordHashImport.Validate(hash).Should().Be(PasswordHashImport.Unparsable);
            PasswordHashVerifier.Verify("x", hash).Should().BeFalse();
        }
    }
}
