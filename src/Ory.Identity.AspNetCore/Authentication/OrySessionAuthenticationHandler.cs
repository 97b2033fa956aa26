using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NodaTime.Text;
using Ory.Identity.AspNetCore.Internal;

namespace Ory.Identity.AspNetCore;

/// <summary>
/// Authenticates requests presenting an Ory session, found as Kratos finds it (the <c>X-Session-Token</c> header, the
/// session cookie, <c>Authorization: Bearer …</c>), through <see cref="ISessionManager.AuthenticateAsync"/>. A bearer
/// token that is not a session token (a JWT, an API key) is left to other schemes (no result), so this scheme sits
/// beside JWT bearer and API key authentication in one policy. Challenges answer 401 with <c>WWW-Authenticate: Bearer</c>
/// and no body; the token never reaches a log or a response.
/// </summary>
public sealed class OrySessionAuthenticationHandler : AuthenticationHandler<OrySessionAuthenticationOptions>
{
    private readonly ISessionManager _sessions;
    private readonly HttpSessions _http;

    /// <summary>Creates the handler (by ASP.NET Core authentication).</summary>
    /// <param name="options">The scheme options.</param>
    /// <param name="logger">The logger factory.</param>
    /// <param name="encoder">The URL encoder.</param>
    /// <param name="sessions">The session manager.</param>
    /// <param name="services">The services, holding Ory.Identity's HTTP services.</param>
    public OrySessionAuthenticationHandler(
        IOptionsMonitor<OrySessionAuthenticationOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        ISessionManager sessions,
        IServiceProvider services)
        : base(options, logger, encoder)
    {
        ArgumentNullException.ThrowIfNull(services);
        _sessions = sessions;
        _http = (HttpSessions?)services.GetService(typeof(HttpSessions))
            ?? throw new InvalidOperationException("Ory.Identity's HTTP services are missing: call services.AddOryIdentityHttp().");
    }

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = _http.Find(Request);
        if (presented is null || (presented.Source == SessionTokenSource.Bearer && !SessionTokens.IsWellFormedSessionToken(presented.Token)))
        {
            return AuthenticateResult.NoResult();
        }

        var session = await _sessions.AuthenticateAsync(presented.Token, Context.RequestAborted).ConfigureAwait(false);
        if (session is null)
        {
            return AuthenticateResult.Fail("The session is not active.");
        }

        Context.Features.Set(session);
        var id = session.IdentityId.ToString("D");
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, id),
            new(OrySessionClaimTypes.IdentityId, id),
            new(OrySessionClaimTypes.SessionId, session.Id.ToString("D")),
            new(OrySessionClaimTypes.AuthenticatorAssuranceLevel, Aal(session.AuthenticatorAssuranceLevel)),
            new(OrySessionClaimTypes.AuthenticatedAt, InstantPattern.ExtendedIso.Format(session.AuthenticatedAt)),
            new(OrySessionClaimTypes.ExpiresAt, InstantPattern.ExtendedIso.Format(session.ExpiresAt)),
        };
        if (session.Identity is { } identity)
        {
            claims.Add(new Claim(OrySessionClaimTypes.SchemaId, identity.SchemaId));
        }

        claims.AddRange(session.AuthenticationMethods.Select(m => new Claim(OrySessionClaimTypes.AuthenticationMethod, m.Method)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, OrySessionClaimTypes.IdentityId, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <inheritdoc />
    /// <remarks>Status and header only, no body, so other schemes of the same policy can add their challenges.</remarks>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, $"Bearer realm=\"{Options.Realm}\"");
        return Task.CompletedTask;
    }

    private static string Aal(AuthenticatorAssuranceLevel level) => level switch
    {
        AuthenticatorAssuranceLevel.Aal0 => "aal0",
        AuthenticatorAssuranceLevel.Aal1 => "aal1",
        AuthenticatorAssuranceLevel.Aal2 => "aal2",
        _ => "aal3",
    };
}
