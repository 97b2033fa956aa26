using System.Security.Cryptography;

namespace Ory.Identity;

/// <summary>
/// LDAP's salted SHA: <c>{SSHA}</c>, <c>{SSHA256}</c> or <c>{SSHA512}</c> then padded standard base64 (lenient about
/// unused bits, as Kratos) of digest‖salt, where digest = SHA-1/256/512(password‖salt). At least one salt byte.
/// Kratos checks only the prefix at import.
/// </summary>
internal static class SshaHash
{
    public static bool Verify(byte[] password, string hash)
    {
        var (name, digestLength, start) = hash switch
        {
            _ when hash.StartsWith("{SSHA}", StringComparison.Ordinal) => (HashAlgorithmName.SHA1, 20, 6),
            _ when hash.StartsWith("{SSHA256}", StringComparison.Ordinal) => (HashAlgorithmName.SHA256, 32, 9),
            _ when hash.StartsWith("{SSHA512}", StringComparison.Ordinal) => (HashAlgorithmName.SHA512, 64, 9),
            _ => (default(HashAlgorithmName), 0, 0),
        };
        if (digestLength == 0 || !GoBase64.TryDecode(hash[start..], padded: true, strict: false, out var decoded) || decoded.Length < digestLength + 1)
        {
            return false;
        }

        byte[] input = [.. password, .. decoded.AsSpan(digestLength)];
        var actual = ShaDigest(name, input);
        CryptographicOperations.ZeroMemory(input);
        return CryptographicOperations.FixedTimeEquals(decoded.AsSpan(0, digestLength), actual);
    }

#pragma warning disable CA5350 // Verifies imported legacy hashes only; never used for new hashes.
    internal static byte[] ShaDigest(HashAlgorithmName name, byte[] input) =>
        name == HashAlgorithmName.SHA1 ? SHA1.HashData(input)
        : name == HashAlgorithmName.SHA256 ? SHA256.HashData(input)
        : SHA512.HashData(input);
#pragma warning restore CA5350
}
