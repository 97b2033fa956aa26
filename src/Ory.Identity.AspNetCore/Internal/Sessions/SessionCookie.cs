using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using NodaTime;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Kratos's session cookie (session/manager_http.go): named <c>session.cookie.name</c> (default <c>ory_kratos_session</c>),
/// holding the session token and the session's <c>expires_at</c>, opaque to clients. The value is AES-256-GCM encrypted
/// and authenticated (the cookie name as associated data) under a key derived from each secret of <c>secrets.cookie</c>,
/// else <c>secrets.default</c>: the first encrypts, all decrypt, so secrets rotate. A value that does not decrypt is
/// ignored, as Kratos ignores a cookie it cannot decode. Attributes: <c>HttpOnly</c>, <c>Secure</c>, <c>SameSite</c>,
/// <c>Path</c> and <c>Domain</c> from <see cref="SessionSettings.SessionCookie"/>, and a <c>Max-Age</c> until the session
/// expires when <c>session.cookie.persistent</c> is true.
/// </summary>
internal sealed class SessionCookie
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int ExpiresSize = sizeof(long);
    private const string KeyLabel = "Ory.Identity session cookie key";

    private readonly SessionSettings _settings;
    private readonly OryIdentityClock _clock;
    private readonly byte[][] _keys;
    private readonly byte[] _associatedData;

    public SessionCookie(SessionSettings settings, SecretHasher secrets, OryIdentityClock clock)
    {
        _settings = settings;
        _clock = clock;
        _keys = new byte[secrets.KeyCount][];
        for (var i = 0; i < _keys.Length; i++)
        {
            _keys[i] = new byte[SecretHasher.MacLength];
            secrets.Compute(i, KeyLabel, _keys[i]);
        }

        _associatedData = Encoding.UTF8.GetBytes(settings.CookieName);
    }

    /// <summary>The cookie's name.</summary>
    public string Name => _settings.CookieName;

    /// <summary>Sets the cookie for a session: its token and expiry, encrypted.</summary>
    public void Issue(HttpContext context, string token, Instant expiresAt)
    {
        var options = Options();
        if (_settings.CookiePersistent)
        {
            var seconds = Math.Max(0, (long)(expiresAt - _clock.Now()).TotalSeconds);
            options.MaxAge = TimeSpan.FromSeconds(seconds);
            options.Expires = expiresAt.ToDateTimeOffset();
        }

        context.Response.Cookies.Append(Name, Protect(token, expiresAt), options);
    }

    /// <summary>Replaces the cookie with an expired, empty one (as Kratos, on logout).</summary>
    public void Delete(HttpContext context)
    {
        var options = Options();
        options.MaxAge = TimeSpan.Zero;
        options.Expires = DateTimeOffset.UnixEpoch;
        context.Response.Cookies.Append(Name, string.Empty, options);
    }

    /// <summary>The token and expiry the request's cookie holds; null when there is none or it does not decrypt.</summary>
    public SessionCookieValue? Read(HttpContext context) =>
        context.Request.Cookies.TryGetValue(Name, out var value) && value is not null ? Unprotect(value) : null;

    /// <summary>The encrypted value: base64url of nonce, ciphertext of (expires_at in Unix ticks, token) and tag.</summary>
    internal string Protect(string token, Instant expiresAt)
    {
        var tokenBytes = Encoding.UTF8.GetBytes(token);
        var plain = new byte[ExpiresSize + tokenBytes.Length];
        BinaryPrimitives.WriteInt64BigEndian(plain, expiresAt.ToUnixTimeTicks());
        tokenBytes.CopyTo(plain, ExpiresSize);

        var sealedValue = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_keys[0], TagSize))
        {
            aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceSize, plain.Length), sealedValue.AsSpan(NonceSize + plain.Length), _associatedData);
        }

        CryptographicOperations.ZeroMemory(plain);
        return WebEncoders.Base64UrlEncode(sealedValue);
    }

    /// <summary>Decrypts a value under any key; null when it is malformed, tampered with or under an unknown key.</summary>
    internal SessionCookieValue? Unprotect(string value)
    {
        byte[] sealedValue;
        try
        {
            sealedValue = WebEncoders.Base64UrlDecode(value);
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedValue.Length < NonceSize + ExpiresSize + TagSize)
        {
            return null;
        }

        var nonce = sealedValue.AsSpan(0, NonceSize);
        var cipher = sealedValue.AsSpan(NonceSize, sealedValue.Length - NonceSize - TagSize);
        var tag = sealedValue.AsSpan(sealedValue.Length - TagSize);
        var plain = new byte[cipher.Length];
        foreach (var key in _keys)
        {
            using var aes = new AesGcm(key, TagSize);
            try
            {
                aes.Decrypt(nonce, cipher, tag, plain, _associatedData);
            }
            catch (AuthenticationTagMismatchException)
            {
                continue;
            }

            var expiresAt = Instant.FromUnixTimeTicks(BinaryPrimitives.ReadInt64BigEndian(plain));
            var token = Encoding.UTF8.GetString(plain, ExpiresSize, plain.Length - ExpiresSize);
            CryptographicOperations.ZeroMemory(plain);
            return new SessionCookieValue(token, expiresAt);
        }

        return null;
    }

    private CookieOptions Options() => CookieOptionsFactory.Create(_settings.SessionCookie);
}
