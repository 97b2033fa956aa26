using System.Buffers;
using System.Security.Cryptography;

namespace Ory.Identity;

/// <summary>New recovery tokens and codes from the operating system's CSPRNG, without modulo bias.</summary>
internal static class RecoverySecrets
{
    public const int TokenLength = 32;
    public const int CodeLength = 6;

    private const string TokenAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Digits = "0123456789";
    private static readonly SearchValues<char> TokenCharacters = SearchValues.Create(TokenAlphabet);
    private static readonly SearchValues<char> DigitCharacters = SearchValues.Create(Digits);

    /// <summary>32 characters of <c>[a-zA-Z0-9]</c> (about 190 bits).</summary>
    public static string NewToken() => RandomNumberGenerator.GetString(TokenAlphabet, TokenLength);

    /// <summary>6 decimal digits, each uniform.</summary>
    public static string NewCode() => RandomNumberGenerator.GetString(Digits, CodeLength);

    public static bool IsWellFormedToken(string? token) =>
        token is { Length: TokenLength } && token.AsSpan().IndexOfAnyExcept(TokenCharacters) < 0;

    public static bool IsWellFormedCode(string? code) =>
        code is { Length: CodeLength } && code.AsSpan().IndexOfAnyExcept(DigitCharacters) < 0;
}
