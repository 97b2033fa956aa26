using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace Ory.Identity.Tests.Credentials.Hashing;

/// <summary>Hashes built in the test with the BCL (or BouncyCastle for SHA-3/SHA-224/scrypt) verify, and a wrong password does not.</summary>
public sealed class IndependentHashTests
{
    private const string Password = "correct horse battery staple ✓";
    private static readonly byte[] PasswordBytes = Encoding.UTF8.GetBytes(Password);
    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(16);

    private static string Raw(byte[] b) => Convert.ToBase64String(b).TrimEnd('=');

    private static string Padded(byte[] b) => Convert.ToBase64String(b);

    private static void ShouldVerify(string hash)
    {
        PasswordHashImport.Validate(hash).Should().BeNull();
        PasswordHashVerifier.Verify(Password, hash).Should().BeTrue();
        PasswordHashVerifier.Verify(Password + "!", hash).Should().BeFalse();
    }

#pragma warning disable CA5350, CA5351 // legacy algorithms are what is being tested
    [Theory]
    [InlineData("sha1")]
    [InlineData("sha256")]
    [InlineData("sha512")]
    [InlineData("sha9")] // anything else: HMAC-SHA256, as Kratos
    public void Pbkdf2_from_the_BCL_verifies(string algorithm)
    {
        var name = algorithm switch { "sha1" => HashAlgorithmName.SHA1, "sha512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
        var key = Rfc2898DeriveBytes.Pbkdf2(PasswordBytes, Salt, 1234, name, 40);
        ShouldVerify($"$pbkdf2-{algorithm}$i=1234,l=40${Raw(Salt)}${Raw(key)}");
    }

    [Theory]
    [InlineData("sha224", 224)]
    [InlineData("sha384", 384)]
    public void Pbkdf2_sha224_and_sha384_use_HMAC_SHA3_as_Kratos(string algorithm, int bits)
    {
        var generator = new Pkcs5S2ParametersGenerator(new Sha3Digest(bits));
        generator.Init(PasswordBytes, Salt, 1000);
        var key = ((KeyParameter)generator.GenerateDerivedMacParameters(256)).GetKey();
        ShouldVerify($"$pbkdf2-{algorithm}$i=1000,l=32${Raw(Salt)}${Raw(key)}");
    }

    [Fact]
    public void Scrypt_from_BouncyCastle_verifies()
    {
        var key = SCrypt.Generate(PasswordBytes, Salt, 1024, 8, 2, 32);
        ShouldVerify($"$scrypt$ln=1024,r=8,p=2${Padded(Salt)}${Padded(key)}");
    }

    [Fact]
    public void Firescrypt_built_with_BouncyCastle_scrypt_and_BCL_AES_CTR_verifies()
    {
        var separator = new byte[] { 7 };
        var signer = RandomNumberGenerator.GetBytes(64);
        var derived = SCrypt.Generate(PasswordBytes, [.. Salt, .. separator], 1 << 10, 8, 1, 32);
        using var aes = Aes.Create();
        aes.Key = derived;
        var counters = new byte[64];
        for (var i = 0; i < 4; i++)
        {
            counters[i * 16 + 15] = (byte)i;
        }

        var stream = aes.EncryptEcb(counters, PaddingMode.None);
        var expected = signer.Select((b, i) => (byte)(b ^ stream[i])).ToArray();
        ShouldVerify($"$firescrypt$ln=10,r=8,p=1${Padded(Salt)}${Padded(expected)}${Padded(separator)}${Padded(signer)}");
    }

    [Theory]
    [InlineData("{SSHA}", 1)]
    [InlineData("{SSHA256}", 256)]
    [InlineData("{SSHA512}", 512)]
    public void Ssha_from_the_BCL_verifies(string prefix, int bits)
    {
        byte[] input = [.. PasswordBytes, .. Salt];
        var digest = bits switch { 1 => SHA1.HashData(input), 256 => SHA256.HashData(input), _ => SHA512.HashData(input) };
        ShouldVerify(prefix + Padded([.. digest, .. Salt]));
    }

    [Theory]
    [InlineData("sha1")]
    [InlineData("sha256")]
    [InlineData("sha512")]
    public void Salted_sha_with_a_template_verifies(string algorithm)
    {
        const string template = "{PASSWORD}--{SALT}{SALT}";
        var input = Encoding.UTF8.GetBytes($"{Password}--saltysalty");
        var digest = algorithm switch { "sha1" => SHA1.HashData(input), "sha256" => SHA256.HashData(input), _ => SHA512.HashData(input) };
        ShouldVerify($"${algorithm}$pf={Padded(Encoding.UTF8.GetBytes(template))}${Padded("salty"u8.ToArray())}${Padded(digest)}");
    }

    [Fact]
    public void A_placeholder_inside_the_salt_is_not_expanded_again()
    {
        var input = Encoding.UTF8.GetBytes("{PASSWORD}" + Password);
        var hash = $"$sha256$pf={Padded("{SALT}{PASSWORD}"u8.ToArray())}${Padded("{PASSWORD}"u8.ToArray())}${Padded(SHA256.HashData(input))}";
        PasswordHashVerifier.Verify(Password, hash).Should().BeTrue();
    }

    [Fact]
    public void Md5_plain_and_templated_verify()
    {
        ShouldVerify($"$md5${Padded(MD5.HashData(PasswordBytes))}");
        var templated = MD5.HashData(Encoding.UTF8.GetBytes($"pepper{Password}:123"));
        ShouldVerify($"$md5$pf={Padded("pepper{PASSWORD}:{SALT}"u8.ToArray())}${Padded("123"u8.ToArray())}${Padded(templated)}");
    }

    [Theory]
    [InlineData("md5")]
    [InlineData("sha1")]
    [InlineData("sha256")]
    [InlineData("sha384")]
    [InlineData("sha512")]
    [InlineData("sha224")]
    [InlineData("md4")]
    public void Hmac_from_the_BCL_or_BouncyCastle_verifies(string algorithm)
    {
        var key = RandomNumberGenerator.GetBytes(20);
        byte[] mac = algorithm switch
        {
            "md5" => HMACMD5.HashData(key, PasswordBytes),
            "sha1" => HMACSHA1.HashData(key, PasswordBytes),
            "sha256" => HMACSHA256.HashData(key, PasswordBytes),
            "sha384" => HMACSHA384.HashData(key, PasswordBytes),
            "sha512" => HMACSHA512.HashData(key, PasswordBytes),
            _ => BouncyHmac(algorithm == "sha224" ? new Sha224Digest() : new MD4Digest(), key),
        };
        ShouldVerify($"$hmac-{algorithm}${Padded(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(mac)))}${Padded(key)}");
    }
#pragma warning restore CA5350, CA5351

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Argon2_from_BouncyCastle_verifies_including_memory_below_eight_blocks_per_lane(bool argon2id)
    {
        foreach (var (m, p) in new[] { (64, 2), (16, 4), (33, 4) })
        {
            var generator = new Argon2BytesGenerator();
            generator.Init(new Argon2Parameters.Builder(argon2id ? Argon2Parameters.Argon2id : Argon2Parameters.Argon2i)
                .WithVersion(Argon2Parameters.Version13).WithMemoryAsKB(m).WithIterations(2).WithParallelism(p).WithSalt(Salt).Build());
            var key = new byte[24];
            generator.GenerateBytes(PasswordBytes, key);
            ShouldVerify($"$argon2{(argon2id ? "id" : "i")}$v=19$m={m},t=2,p={p}${Raw(Salt)}${Raw(key)}");
        }
    }

    private static byte[] BouncyHmac(Org.BouncyCastle.Crypto.IDigest digest, byte[] key)
    {
        var hmac = new Org.BouncyCastle.Crypto.Macs.HMac(digest);
        hmac.Init(new KeyParameter(key));
        hmac.BlockUpdate(PasswordBytes, 0, PasswordBytes.Length);
        var output = new byte[hmac.GetMacSize()];
        hmac.DoFinal(output, 0);
        return output;
    }
}
