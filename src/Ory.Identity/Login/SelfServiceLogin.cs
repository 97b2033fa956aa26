using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Ory.Identity.Serialization;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// The default <see cref="ISelfServiceLogin"/> (Kratos's selfservice/flow/login/handler.go and strategy/password/login.go).
/// The password check is <see cref="IIdentityManager.VerifyPasswordAsync"/>: it normalizes the identifier, verifies
/// against a dummy hash when the identifier is unknown or has no password (so all failures cost one verification),
/// refuses an inactive identity only after a correct password, and upgrades legacy hashes. Unlike Kratos, no random
/// delay is added: the equal work already hides which failure it was.
/// </summary>
internal sealed class SelfServiceLogin(
    ISessionManager sessions,
    ISelfServiceFlowStore flows,
    IIdentityManager identities,
    IIdentityStore store,
    IdentitySchemaRegistry schemas,
    SelfServiceFlowSettings settings,
    RecoverySettings recovery,
    OryIdentityClock clock,
    ILogger<SelfServiceLogin>? log = null) : ISelfServiceLogin
{
    private const string PasswordMethod = "password";

    private readonly ILogger _logger = (ILogger?)log ?? NullLogger.Instance;

    public async Task<LoginFlow> CreateFlowAsync(
        SelfServiceFlowType type = SelfServiceFlowType.Api, bool refresh = false, Uri? returnTo = null, Session? current = null, CancellationToken cancellationToken = default)
    {
        ReturnToPolicy.EnsureAllowed(returnTo, recovery.FlowReturnUrls);
        var active = await ActiveOrNullAsync(current, cancellationToken).ConfigureAwait(false);
        if (active is not null && !refresh)
        {
            throw new SessionAlreadyAvailableException();
        }

        // refresh=true without a session is ignored, as in Kratos.
        refresh = refresh && active is not null;
        var flow = await StartAsync(type, returnTo?.ToString(), refresh ? active!.IdentityId : null, null, clock.Now(), cancellationToken).ConfigureAwait(false);
        Log.LoginFlowStarted(_logger, flow.Id, type == SelfServiceFlowType.Api ? "api" : "browser", refresh);
        return await ViewAsync(flow, null, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LoginFlow> GetFlowAsync(Guid flowId, CancellationToken cancellationToken = default)
    {
        var flow = await flows.GetAsync(flowId, SelfServiceFlowKind.Login, cancellationToken).ConfigureAwait(false)
                   ?? throw new SelfServiceFlowNotFoundException(SelfServiceFlowKind.Login);
        var now = clock.Now();
        if (now >= flow.ExpiresAt)
        {
            throw SelfServiceFlowExpiredException.OnRead(
                SelfServiceFlowKind.Login, flow.Type, flow.ExpiresAt, now, settings.PublicBaseUrl, FlowRequestUrl.ReturnToOf(flow.RequestUrl));
        }

        return await ViewAsync(flow, null, null, cancellationToken).ConfigureAwait(false);
    }

    public Task<LoginResult> SubmitPasswordAsync(
        Guid flowId,
        string? identifier,
        string? password,
        Session? current = null,
        SessionDevice? device = null,
        JsonElement? transientPayload = null,
        CancellationToken cancellationToken = default) =>
        SubmitAsync(
            flowId,
            new LoginFlowSubmission { Method = PasswordMethod, Identifier = identifier, Password = password, TransientPayload = transientPayload },
            current,
            device,
            cancellationToken);

    public async Task<LoginResult> SubmitAsync(
        Guid flowId, LoginFlowSubmission submission, Session? current = null, SessionDevice? device = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        UnicodeTextCheck.EnsureValid(submission.TransientPayload, "/transient_payload");
        var flow = await flows.GetAsync(flowId, SelfServiceFlowKind.Login, cancellationToken).ConfigureAwait(false)
                   ?? throw new SelfServiceFlowNotFoundException(SelfServiceFlowKind.Login);
        var now = clock.Now();
        if (now >= flow.ExpiresAt)
        {
            var message = SelfServiceTexts.Expired(SelfServiceFlowKind.Login, flow.ExpiresAt, now);
            var replacement = await StartAsync(flow.Type, FlowRequestUrl.ReturnToOf(flow.RequestUrl), null, [message], now, cancellationToken).ConfigureAwait(false);
            throw SelfServiceFlowExpiredException.OnSubmit(SelfServiceFlowKind.Login, flow.ExpiresAt, now, replacement.Id, message);
        }

        var document = SelfServiceFlowDocument.Read(flow.Document);
        var active = await ActiveOrNullAsync(current, cancellationToken).ConfigureAwait(false);
        if (active is not null && !document.Refresh)
        {
            throw new SessionAlreadyAvailableException();
        }

        if (submission.Method != PasswordMethod)
        {
            return await RefuseAsync(flow, submission, [(string.Empty, SelfServiceTexts.NoLoginStrategy)], now, cancellationToken).ConfigureAwait(false);
        }

        var missing = new List<(string Node, UiText Message)>(2);
        CheckPresent(submission.Identifier, "identifier", missing);
        CheckPresent(submission.Password, PasswordMethod, missing);
        if (missing.Count > 0)
        {
            return await RefuseAsync(flow, submission, [.. missing], now, cancellationToken).ConfigureAwait(false);
        }

        PasswordCheckResult check;
        try
        {
            check = await identities.VerifyPasswordAsync(submission.Identifier!, submission.Password!, cancellationToken).ConfigureAwait(false);
        }
        catch (IdentityDisabledException)
        {
            return await RefuseAsync(flow, submission, [(string.Empty, RecoveryTexts.AccountDisabled)], now, cancellationToken).ConfigureAwait(false);
        }

        if (!check.Succeeded || check.IdentityId is not { } identityId)
        {
            return await RefuseAsync(flow, submission, [(string.Empty, SelfServiceTexts.InvalidCredentials)], now, cancellationToken).ConfigureAwait(false);
        }

        Session session;
        IssuedSession? issued = null;
        try
        {
            if (document.Refresh && active is not null && active.IdentityId == identityId)
            {
                session = await sessions.ReauthenticateAsync(active.Id, SessionAuthenticationMethods.Password, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                issued = await sessions.IssueAsync(identityId, SessionAuthenticationMethods.Password, device, cancellationToken).ConfigureAwait(false);
                session = issued.Session;
            }
        }
        catch (IdentityDisabledException)
        {
            return await RefuseAsync(flow, submission, [(string.Empty, RecoveryTexts.AccountDisabled)], now, cancellationToken).ConfigureAwait(false);
        }

        var passed = await flows.UpdateAsync(flow.Id, SelfServiceFlowKind.Login, f => f with
                     {
                         State = "passed_challenge",
                         IdentityId = identityId,
                         Document = (SelfServiceFlowDocument.Read(f.Document) with
                         {
                             Active = PasswordMethod, Messages = null, NodeMessages = null, UpdatedAt = now,
                         }).Write(),
                     }, cancellationToken).ConfigureAwait(false)
                     ?? throw new SelfServiceFlowNotFoundException(SelfServiceFlowKind.Login);
        Log.LoginSucceeded(_logger, passed.Id, identityId, session.Id);
        var view = await ViewAsync(passed, null, submission.TransientPayload, cancellationToken).ConfigureAwait(false);
        return new LoginResult(view, session, issued);
    }

    private static void CheckPresent(string? value, string node, List<(string Node, UiText Message)> missing)
    {
        if (value is null)
        {
            missing.Add((node, SelfServiceTexts.Missing(node)));
        }
        else if (value.Length == 0)
        {
            missing.Add((node, SelfServiceTexts.Empty));
        }
    }

    // Stores the messages on the flow (global ones under the empty node name; the submitted identifier is shown on the
    // returned flow but never stored) and throws the flow back.
    private async Task<LoginResult> RefuseAsync(
        SelfServiceFlowRecord flow, LoginFlowSubmission submission, (string Node, UiText Message)[] messages, Instant now, CancellationToken cancellationToken)
    {
        var method = submission.Method == PasswordMethod ? PasswordMethod : null;
        var stored = await flows.UpdateAsync(flow.Id, SelfServiceFlowKind.Login, f => f with
                     {
                         Document = SelfServiceFlowDocument.Read(f.Document).Refused(method, messages, now).Write(),
                     }, cancellationToken).ConfigureAwait(false)
                     ?? throw new SelfServiceFlowNotFoundException(SelfServiceFlowKind.Login);
        var first = messages[0].Message;
        Log.LoginRefused(_logger, stored.Id, first.Id);
        var view = await ViewAsync(stored, submission.Identifier, submission.TransientPayload, cancellationToken).ConfigureAwait(false);
        throw new LoginFlowValidationException(view, first);
    }

    private async Task<SelfServiceFlowRecord> StartAsync(
        SelfServiceFlowType type, string? returnTo, Guid? refreshIdentityId, IReadOnlyList<UiText>? messages, Instant now, CancellationToken cancellationToken)
    {
        var refresh = refreshIdentityId is not null;
        if (refresh)
        {
            messages = [SelfServiceTexts.ConfirmItIsYou];
        }

        var flow = new SelfServiceFlowRecord
        {
            Id = UuidV7.New(now),
            Kind = SelfServiceFlowKind.Login,
            Type = type,
            State = "choose_method",
            IssuedAt = now,
            ExpiresAt = now + settings.LoginLifespan,
            RequestUrl = FlowRequestUrl.Build(settings.PublicBaseUrl, "login", type, returnTo, refresh),
            IdentityId = refreshIdentityId,
            Document = new SelfServiceFlowDocument { Refresh = refresh, Messages = messages }.Write(),
        };
        await flows.InsertAsync(flow, cancellationToken).ConfigureAwait(false);
        return flow;
    }

    // A refresh flow shows the session's identifier, hidden, and no password inputs when the identity has no password.
    private async Task<LoginFlow> ViewAsync(SelfServiceFlowRecord flow, string? identifier, JsonElement? transientPayload, CancellationToken cancellationToken)
    {
        var withPassword = true;
        if (SelfServiceFlowDocument.Read(flow.Document).Refresh && flow.IdentityId is { } identityId
            && await store.GetAsync(identityId, cancellationToken).ConfigureAwait(false) is { } identity)
        {
            identifier ??= identity.Credentials.TryGetValue(CredentialsType.Password, out var password) && password.Identifiers.Count > 0 ? password.Identifiers[0] : null;
            withPassword = IdentityManager.HashedPasswordOf(identity) is not null;
        }

        return LoginFlowView.Create(flow, settings.PublicBaseUrl, IdentifierLabel(), identifier, withPassword, transientPayload);
    }

    // 1070002 with the schema title when the default schema has exactly one password identifier trait with a title,
    // else 1070004 "ID" (Kratos's strategy/password/login.go).
    private UiText IdentifierLabel()
    {
        if (schemas.Find(schemas.DefaultSchemaId) is { } schema)
        {
            var identifiers = schema.Plan.Extensions.Where(e => e.PasswordIdentifier).ToArray();
            if (identifiers.Length == 1 && TraitNodes.TitleAt(schema, identifiers[0].SchemaPointer) is { } title)
            {
                return SelfServiceTexts.Generated(title, "identifier");
            }
        }

        return SelfServiceTexts.IdLabel;
    }

    private async Task<Session?> ActiveOrNullAsync(Session? current, CancellationToken cancellationToken)
    {
        if (current is null)
        {
            return null;
        }

        try
        {
            var stored = await sessions.GetAsync(current.Id, SessionExpand.Identity, cancellationToken).ConfigureAwait(false);
            return stored.Active && stored.IdentityId == current.IdentityId ? stored : null;
        }
        catch (SessionNotFoundException)
        {
            return null;
        }
    }
}
