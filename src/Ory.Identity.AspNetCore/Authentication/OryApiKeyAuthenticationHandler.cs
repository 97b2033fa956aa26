using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Ory.Identity.AspNetCore;

/// <summary>
/// Authenticates requests carrying a machine identity's API key (<c>Authorization: Bearer ory_ak_…</c>, or the configured
/// header) through <see cref="IApiKeyManager.AuthenticateAsync"/>. A bearer token of another format is left to other
/// schemes (no result), so this scheme sits beside JWT bearer authentication. Challenges answer 401 with
/// <c>WWW-Authenticate: Bearer</c> (<c>error="invalid_token"</c> for a refused key); the key never reaches a log or a
/// response.
/// </summary>
public sealed class OryApiKeyAuthenticationHandler(
    IOptionsMonitor<OryApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiKeyManager keys) : AuthenticationHandler<OryApiKeyAuthenticationOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await keys.AuthenticateAsync(presented, Context.RequestAborted).ConfigureAwait(false);
        Context.Features.Set(result);
        if (!result.Succeeded)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var id = result.Identity.Id.ToString("D");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id),
            new Claim(OryApiKeyClaimTypes.IdentityId, id),
            new Claim(OryApiKeyClaimTypes.SchemaId, result.Identity.SchemaId),
            new Claim(OryApiKeyClaimTypes.ApiKeyId, result.Key.Id),
            new Claim(OryApiKeyClaimTypes.ApiKeyName, result.Key.Name),
        ], Scheme.Name, OryApiKeyClaimTypes.IdentityId, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Status and header only, no body: a policy may challenge several schemes in turn (JWT bearer beside this one), and
    /// a body written here would start the response before the others set their headers.
    /// </remarks>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failed = Context.Features.Get<ApiKeyAuthenticationResult>() is { Succeeded: false };
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, failed
            ? $"Bearer realm=\"{Options.Realm}\", error=\"invalid_token\""
            : $"Bearer realm=\"{Options.Realm}\"");
        return Task.CompletedTask;
    }

    private string? PresentedKey()
    {
        var authorization = Request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // As Kratos reads bearer tokens (session/manager_http.go splits on one space and wants two parts): the scheme,
            // exactly one space, and a token without whitespace. "Bearer  <key>" is not a bearer token.
            var token = value.AsSpan(BearerPrefix.Length);

            // Another scheme's bearer token (a JWT, say) is not ours to refuse.
            return token.StartsWith(ApiKey.KeyPrefix, StringComparison.Ordinal) && !token.ContainsAny(' ', '\t') ? token.ToString() : null;
        }

        if (Options.HeaderName is { } header && Request.Headers.TryGetValue(header, out var values))
        {
            return values.Count == 1 ? values[0] ?? string.Empty : string.Empty;
        }

        return null;
    }
}
