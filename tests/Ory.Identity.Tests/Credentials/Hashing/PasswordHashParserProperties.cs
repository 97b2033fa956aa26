using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Crypto.Generators;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Credentials.Hashing;

/// <summary>
/// Properties of every password-hash parser: any text gets a format and an import verdict (one of Kratos's three
/// reasons, or none), every family's parser answers a <see cref="HashCheck"/>, and verification answers true or false,
/// never an exception; and a hash made by each family's encoder is recognised, may be imported, and verifies its own
/// password and no other. Inputs are Kratos's hash vectors and freshly encoded hashes, mutated.
/// </summary>
public sealed partial class PasswordHashParserProperties
{
    private static readonly string[] Reasons = [PasswordHashImport.UnknownFormat, PasswordHashImport.Unparsable, PasswordHashImport.OutOfBounds];

    private static readonly Gen<string> Passwords = Gen.Frequency<string>(
        (3, Gen.String[Gen.Char['!', '~'], 0, 24]),
        (1, Gen.String[Gen.Char, 0, 12].Select(s => s.Normalize(NormalizationForm.FormC))),
        (1, Gen.OneOf("", "p\u00E4ssw\u00F6rd", "\uD83D\uDD11", "{SALT}", "{PASSWORD}", "$", "a\0b")));

    private static readonly Gen<string> CryptSalts = Gen.String[Gen.Char[CryptBase64.Alphabet], 0, 16];

    private static readonly Gen<byte[]> Salts = Gen.Byte.Array[1, 24];

    /// <summary>A hash of a password in one of the families, made cheaply, with the password it verifies.</summary>
    private static readonly Gen<(string Password, string Hash)> Encoded = Gen.SelectMany(Passwords, Gen.Int[0, 11], (password, family) =>
        Encode(family, password).Select(hash => (password, hash)));

    /// <summary>Kratos's vectors and three dozen encoded hashes, made once: mutating a hash is cheap, making one is not.</summary>
    private static readonly string[] SeedHashes = [.. HashVectors.All.Select(v => v.Hash), .. Encoded.Array[36].Generate(PCG.Parse("0HashSeeds01"), null, out _).Select(e => e.Hash)];

    private static readonly Gen<string> NearValidHashes = NearValidText.Around(SeedHashes);

    [Fact]
    public void Any_text_gets_a_format_and_an_import_verdict_and_every_parser_answers_without_throwing() =>
        PropertyCheck.Run(NearValidHashes, hash =>
        {
            var format = PasswordHashFormats.Detect(hash);
            Assert.True(Enum.IsDefined(format));

            var reason = PasswordHashImport.Validate(hash);
            if (reason is null)
            {
                Assert.NotEqual(PasswordHashFormat.Unknown, format);
                PasswordHashImport.EnsureValid(hash);
            }
            else
            {
                Assert.Contains(reason, Reasons);
                Assert.Equal(reason, Assert.Throws<InvalidRequestException>(() => PasswordHashImport.EnsureValid(hash)).Error.Reason);
            }

            foreach (var check in new[]
                     {
                         BcryptHash.Check(hash), Argon2Hash.Check(hash), Pbkdf2Hash.Check(hash), ScryptHash.Check(hash),
                         FirebaseScryptHash.Check(hash), AspNetIdentityHash.Check(hash), ShaCrypt.CheckImport(hash),
                     })
            {
                Assert.True(Enum.IsDefined(check));
            }

            BcryptHash.TryGetCost(hash, out _);
            Argon2Hash.TryGetParameters(hash, out _);
            AspNetIdentityHash.Detect(hash);
        }, seed: "0HashParse01", iterations: 5_000);

    [Fact]
    public void Verifying_any_stored_hash_answers_true_or_false_and_never_throws() =>
        PropertyCheck.Run(Gen.Select(NearValidHashes, Passwords, (hash, password) => (hash, password)), sample =>
        {
            var (hash, password) = sample;
            if (!IsCheapToVerify(hash))
            {
                return;
            }

            PasswordHashVerifier.Verify(password, hash);
        }, seed: "0HashVerif01", iterations: 600);

    [Fact]
    public void A_hash_from_each_familys_encoder_is_recognised_importable_and_verifies_only_its_password() =>
        PropertyCheck.Run(Encoded, sample =>
        {
            var (password, hash) = sample;

            Assert.NotEqual(PasswordHashFormat.Unknown, PasswordHashFormats.Detect(hash));
            Assert.Null(PasswordHashImport.Validate(hash));
            Assert.True(PasswordHashVerifier.Verify(password, hash));
            Assert.False(PasswordHashVerifier.Verify(password + "x", hash));
        }, seed: "0HashRound01", iterations: 120);

    [Fact]
    public void Bcrypt_and_argon2_hashes_give_back_the_cost_they_were_made_with() =>
        PropertyCheck.Run(Gen.Select(Passwords, Gen.Int[1, 2], Gen.Int[1, 2], (password, iterations, lanes) => (password, iterations, lanes)), sample =>
        {
            var (password, iterations, lanes) = sample;
            var bytes = Encoding.UTF8.GetBytes(password);
            Assert.True(BcryptHash.TryGetCost(BcryptHash.Hash(bytes, 4), out var cost));
            Assert.Equal(4, cost);

            var settings = HashersSettings.Create(new HashersOptions
            {
                Algorithm = "argon2",
                Argon2 = new Argon2HasherOptions { Memory = "64KB", Iterations = iterations, Parallelism = lanes },
            });
            Assert.True(Argon2Hash.TryGetParameters(Argon2Hash.Hash(bytes, settings), out var parameters));
            Assert.Equal((true, (long)settings.Argon2MemoryKiB, iterations, lanes), (parameters.Argon2id, parameters.MemoryKiB, parameters.Iterations, parameters.Parallelism));
            Assert.Equal(settings.Argon2SaltLength, parameters.Salt.Length);
            Assert.Equal(settings.Argon2KeyLength, parameters.Key.Length);
        }, seed: "0HashCosts01", iterations: 15);

    /// <summary>
    /// Whether verifying costs at most a few milliseconds, so the sweep stays fast: every number in the text at most
    /// 5,000 (SHA-crypt's rounds start at 1,000), a bcrypt cost of at most 5, and ASP.NET Identity's iterations at most
    /// 5,000. Verification refuses what lies beyond Ory's bounds before any work, which other tests pin.
    /// </summary>
    private static bool IsCheapToVerify(string hash)
    {
        if (PasswordHashFormats.Detect(hash) == PasswordHashFormat.Bcrypt)
        {
            return BcryptHash.TryGetCost(hash, out var cost) ? cost <= 5 : true;
        }

        if (PasswordHashFormats.Detect(hash) == PasswordHashFormat.AspNetIdentityV3)
        {
            var bytes = Convert.FromBase64String(hash);
            return bytes.Length < 9 || System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)) <= 5_000;
        }

        return Numbers().Matches(hash).All(m => m.Length < 4 || (m.Length == 4 && int.Parse(m.Value, CultureInfo.InvariantCulture) <= 5_000));
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Numbers();

    /// <summary>A hash of <paramref name="password"/> in family <paramref name="family"/> (0–11), with cheap costs.</summary>
#pragma warning disable CA5351 // Makes legacy MD5 hashes to import; never used to protect anything.
    private static Gen<string> Encode(int family, string password)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        return family switch
        {
            0 => Gen.Const(0).Select(_ => BcryptHash.Hash(bytes, 4)),
            1 => CryptSalts.Select(salt => $"$md5-crypt${salt}${Md5Crypt.Compute(bytes, Encoding.UTF8.GetBytes(salt))}"),
            2 => Gen.Select(CryptSalts, Gen.Int[1_000, 1_200], Gen.Bool, (salt, rounds, sha512) =>
                string.Create(CultureInfo.InvariantCulture,
                    $"$sha{(sha512 ? 512 : 256)}-crypt$rounds={rounds}${salt}${ShaCrypt.Compute(bytes, Encoding.UTF8.GetBytes(salt), rounds, sha512)}")),
            3 => Gen.Select(Salts, Gen.Int[1, 50], (salt, iterations) =>
                string.Create(CultureInfo.InvariantCulture,
                    $"$pbkdf2-sha256$i={iterations},l=32${Raw(salt)}${Raw(Rfc2898DeriveBytes.Pbkdf2(bytes, salt, iterations, HashAlgorithmName.SHA256, 32))}")),
            4 => Gen.Select(Salts, Gen.Int[1, 5], Gen.Int[1, 4], (salt, log, r) =>
                string.Create(CultureInfo.InvariantCulture,
                    $"$scrypt$ln={1 << log},r={r},p=1${Convert.ToBase64String(salt)}${Convert.ToBase64String(SCrypt.Generate(bytes, salt, 1 << log, r, 1, 32))}")),
            5 => Salts.Select(salt => "{SSHA256}" + Convert.ToBase64String([.. SHA256.HashData([.. bytes, .. salt]), .. salt])),
            6 => Gen.Const(0).Select(_ => "$md5$" + Convert.ToBase64String(MD5.HashData(bytes))),
            7 => Salts.Select(key => $"$hmac-sha256${Convert.ToBase64String(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(key, bytes))))}${Convert.ToBase64String(key)}"),
            8 => Salts.Select(salt => $"$sha512$pf={Convert.ToBase64String("{SALT}{PASSWORD}"u8)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(SHA512.HashData([.. salt, .. bytes]))}"),
            9 => Gen.Int[1, 3].Select(lanes => Argon2Hash.Hash(bytes, HashersSettings.Create(new HashersOptions
            {
                Algorithm = "argon2",
                Argon2 = new Argon2HasherOptions { Memory = "64KB", Iterations = 1, Parallelism = lanes },
            }))),
            10 => Gen.Int[1, 50].Select(iterations => new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }))
                .HashPassword(new object(), password)),
            _ => Salts.Select(salt => $"$argon2i$v=19$m=16,t=1,p=1${Raw(salt)}${Raw(Argon2i(bytes, salt))}"),
        };
    }
#pragma warning restore CA5351

    private static byte[] Argon2i(byte[] password, byte[] salt)
    {
        var generator = new Argon2BytesGenerator();
        generator.Init(new Org.BouncyCastle.Crypto.Parameters.Argon2Parameters.Builder(Org.BouncyCastle.Crypto.Parameters.Argon2Parameters.Argon2i)
            .WithVersion(Org.BouncyCastle.Crypto.Parameters.Argon2Parameters.Version13)
            .WithMemoryAsKB(16).WithIterations(1).WithParallelism(1).WithSalt(salt).Build());
        var key = new byte[16];
        generator.GenerateBytes(password, key);
        return key;
    }

    private static string Raw(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');
}
