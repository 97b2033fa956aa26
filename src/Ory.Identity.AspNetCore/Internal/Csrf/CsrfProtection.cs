using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Kratos's CSRF protection of browser flows (x/nosurfx/nosurf.go over nosurf): a secret of 32 random bytes lives in the
/// cookie <c>csrf_token_&lt;hex SHA-256 of serve.public.base_url&gt;</c> (base64, <c>HttpOnly</c>, <c>Secure</c> per
/// <c>cookies.secure</c>, <c>SameSite</c> per <c>cookies.same_site</c> but <c>Lax</c> when not secure, <c>Path</c>,
/// <c>Domain</c>, a year's <c>Max-Age</c>); each rendered <c>csrf_token</c> node carries it masked with a fresh one-time
/// pad (base64 of pad and pad XOR secret), and a submission is accepted when its token unmasks to the cookie's secret
/// (compared in constant time). The secret stays until it is regenerated (login with a new identity, logout).
/// </summary>
internal sealed class CsrfProtection
{
    /// <summary>The form field and UI node name.</summary>
    public const string FieldName = "csrf_token";

    /// <summary>The header a token may also come in (nosurf's <c>X-CSRF-Token</c>).</summary>
    public const string HeaderName = "X-CSRF-Token";

    /// <summary>The secret's length in bytes (nosurf's tokenLength).</summary>
    public const int SecretLength = 32;

    /// <summary>The cookie's <c>Max-Age</c>: one year (nosurf's MaxAge).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(365);

    private static readonly object SecretKey = new();

    private readonly SessionSettings _settings;

    public CsrfProtection(SessionSettings settings, IOptions<OryIdentityOptions> options)
    {
        _settings = settings;
        CookieName = CookieNameFor(options.Value.Serve.Public.BaseUrl);
    }

    /// <summary>The CSRF cookie's name.</summary>
    public string CookieName { get; }

    /// <summary>The cookie name for a public base URL, as written in configuration.</summary>
    public static string CookieNameFor(string publicBaseUrl) =>
        "csrf_token_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(publicBaseUrl)));

    /// <summary>
    /// A masked token for a <c>csrf_token</c> node, different on every call. Uses the secret of the request's cookie, or
    /// of this response when a new one was set; sets a new cookie when the request has none (or an unreadable one).
    /// </summary>
    public string IssueToken(HttpContext context) => Mask(SecretOf(context) ?? Regenerate(context));

    /// <summary>Sets a new secret (cookie) for this response and returns it; later tokens of this request use it.</summary>
    public byte[] Regenerate(HttpContext context)
    {
        var secret = RandomNumberGenerator.GetBytes(SecretLength);
        context.Items[SecretKey] = secret;
        context.Response.Cookies.Append(CookieName, Convert.ToBase64String(secret), CookieOptions());
        return secret;
    }

    /// <summary>
    /// Accepts <paramref name="token"/> (from the body's <c>csrf_token</c>) when it matches the request's CSRF cookie;
    /// otherwise throws Kratos's 403 <c>security_csrf_violation</c> with the reason Kratos gives.
    /// </summary>
    /// <exception cref="CsrfViolationException">No cookie, or a missing or wrong token.</exception>
    public void Verify(HttpContext context, string? token)
    {
        var secret = RequestSecret(context);
        if (secret is not null && Matches(secret, token))
        {
            return;
        }

        throw CsrfViolationException.For(context.Request, context.Request.Cookies.ContainsKey(CookieName), !string.IsNullOrEmpty(token));
    }

    /// <summary>Whether <paramref name="token"/>, masked (64 bytes) or not (32 bytes), holds <paramref name="secret"/> (constant time).</summary>
    public static bool Matches(byte[] secret, string? token)
    {
        var sent = Unmask(token);
        return sent is not null && secret.Length == SecretLength && CryptographicOperations.FixedTimeEquals(secret, sent);
    }

    /// <summary>base64(pad ‖ pad XOR secret) with a fresh random pad.</summary>
    public static string Mask(byte[] secret)
    {
        var masked = new byte[2 * SecretLength];
        RandomNumberGenerator.Fill(masked.AsSpan(0, SecretLength));
        for (var i = 0; i < SecretLength; i++)
        {
            masked[SecretLength + i] = (byte)(masked[i] ^ secret[i]);
        }

        return Convert.ToBase64String(masked);
    }

    /// <summary>The secret a token carries: unmasked when 64 bytes, as is when 32; null otherwise.</summary>
    public static byte[]? Unmask(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var bytes = new byte[(token.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(token, bytes, out var length))
        {
            return null;
        }

        if (length == SecretLength)
        {
            return bytes[..SecretLength];
        }

        if (length != 2 * SecretLength)
        {
            return null;
        }

        var secret = new byte[SecretLength];
        for (var i = 0; i < SecretLength; i++)
        {
            secret[i] = (byte)(bytes[i] ^ bytes[SecretLength + i]);
        }

        return secret;
    }

    private byte[]? SecretOf(HttpContext context) =>
        context.Items.TryGetValue(SecretKey, out var set) && set is byte[] secret ? secret : RequestSecret(context);

    private byte[]? RequestSecret(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        var bytes = new byte[SecretLength + 3];
        return Convert.TryFromBase64String(value, bytes, out var length) && length == SecretLength ? bytes[..SecretLength] : null;
    }

    private CookieOptions CookieOptions()
    {
        var cookies = _settings.Cookies;
        var options = CookieOptionsFactory.Create(cookies.Secure ? cookies : cookies with { SameSite = CookieSameSite.Lax });
        options.MaxAge = MaxAge;
        return options;
    }
}
