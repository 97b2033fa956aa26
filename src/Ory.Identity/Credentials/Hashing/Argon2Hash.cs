using System.Globalization;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;

namespace Ory.Identity;

/// <summary>
/// <c>$argon2id$v=19$m=&lt;KiB&gt;,t=&lt;iterations&gt;,p=&lt;lanes&gt;$&lt;salt&gt;$&lt;key&gt;</c> and the same with
/// <c>$argon2i$</c>, parsed as Kratos: exactly six <c>$</c>-parts, version 19, salt and key in strict unpadded
/// base64, key length = decoded length. Bounds (import and verification): 1 ≤ m ≤ 1,048,576 KiB, 1 ≤ t ≤ 10,
/// 1 ≤ p ≤ 16. Ory.Identity also refuses keys shorter than <see cref="MinKeyLength"/> bytes, Argon2's shortest tag
/// (RFC 9106): Go would compare two empty keys as equal, and a one-byte key matches one password in 256.
/// </summary>
internal static class Argon2Hash
{
    public const long MaxMemoryKiB = 1_048_576;

    /// <summary>The shortest key (tag) Argon2 defines, in bytes.</summary>
    public const int MinKeyLength = 4;
    public const int MaxIterations = 10;
    public const int MaxParallelism = 16;

    internal readonly record struct Parameters(bool Argon2id, long MemoryKiB, int Iterations, int Parallelism, byte[] Salt, byte[] Key);

    public static HashCheck Check(string hash) => Parse(hash, out _);

    public static bool TryGetParameters(string hash, out Parameters parameters) => Parse(hash, out parameters) == HashCheck.Valid;

    public static bool Verify(byte[] password, string hash)
    {
        if (Parse(hash, out var p) != HashCheck.Valid)
        {
            return false;
        }

        var actual = Derive(password, p.Salt, p.Argon2id, (int)p.MemoryKiB, p.Iterations, p.Parallelism, p.Key.Length);
        return CryptographicOperations.FixedTimeEquals(p.Key, actual);
    }

    public static string Hash(byte[] password, HashersSettings settings)
    {
        var salt = RandomNumberGenerator.GetBytes(settings.Argon2SaltLength);
        var key = Derive(password, salt, argon2id: true, settings.Argon2MemoryKiB, settings.Argon2Iterations, settings.Argon2Parallelism, settings.Argon2KeyLength);
        return string.Create(CultureInfo.InvariantCulture,
            $"$argon2id$v=19$m={settings.Argon2MemoryKiB},t={settings.Argon2Iterations},p={settings.Argon2Parallelism}${Raw(salt)}${Raw(key)}");
    }

    private static string Raw(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>
    /// Argon2 by BouncyCastle, with Go's semantics (golang.org/x/crypto/argon2, which Kratos uses): below 8p KiB the
    /// block count is raised to 8p while the declared m is hashed, and the empty password is hashed too.
    /// </summary>
    private static byte[] Derive(byte[] password, byte[] salt, bool argon2id, int memoryKiB, int iterations, int parallelism, int keyLength)
    {
        var generator = new Argon2BytesGenerator();
        generator.Init(new Argon2Parameters.Builder(argon2id ? Argon2Parameters.Argon2id : Argon2Parameters.Argon2i)
            .WithVersion(Argon2Parameters.Version13)
            .WithMemoryAsKB(memoryKiB)
            .WithIterations(iterations)
            .WithParallelism(parallelism)
            .WithSalt(salt)
            .Build());
        var output = new byte[keyLength];
        generator.GenerateBytes(password, output);
        return output;
    }

    private static HashCheck Parse(string hash, out Parameters parameters)
    {
        parameters = default;
        var parts = hash.Split('$');
        if (parts.Length != 6 || parts[1] is not ("argon2id" or "argon2i"))
        {
            return HashCheck.Malformed;
        }

        var version = new GoScan(parts[2]);
        if (!version.Literal("v=") || !version.Signed(out var v) || v != 19)
        {
            return HashCheck.Malformed;
        }

        var scan = new GoScan(parts[3]);
        if (!scan.Literal("m=") || !scan.Unsigned(64, out var m)
            || !scan.Literal(",t=") || !scan.Unsigned(32, out var t)
            || !scan.Literal(",p=") || !scan.Unsigned(8, out var p))
        {
            return HashCheck.Malformed;
        }

        if (!GoBase64.TryDecode(parts[4], padded: false, strict: true, out var salt)
            || !GoBase64.TryDecode(parts[5], padded: false, strict: true, out var key) || key.Length < MinKeyLength)
        {
            return HashCheck.Malformed;
        }

        if (m is < 1 or > MaxMemoryKiB || t is < 1 or > MaxIterations || p is < 1 or > MaxParallelism)
        {
            return HashCheck.OutOfBounds;
        }

        parameters = new Parameters(parts[1] == "argon2id", (long)m, (int)t, (int)p, salt, key);
        return HashCheck.Valid;
    }
}
