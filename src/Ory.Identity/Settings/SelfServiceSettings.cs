using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Ory.Identity.Serialization;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// The default <see cref="ISelfServiceSettings"/> (Kratos's selfservice/flow/settings/handler.go, strategy/password/settings.go
/// and strategy/profile/strategy.go). New passwords are hashed through the bounded hashing path; the identity is
/// written in one atomic store update, with identifiers derived from its traits, only after every check passed.
/// </summary>
internal sealed class SelfServiceSettings(
    ISessionManager sessions,
    ISelfServiceFlowStore flows,
    IIdentityStore identities,
    IdentitySchemaRegistry schemas,
    PasswordHashing hashing,
    IPasswordPolicy policy,
    SettingsFlowFactory factory,
    SelfServiceFlowSettings settings,
    RecoverySettings recovery,
    OryIdentityClock clock,
    ILogger<SelfServiceSettings>? log = null) : ISelfServiceSettings
{
    private const string PasswordMethod = "password";
    private const string ProfileMethod = "profile";

    private readonly ILogger _logger = (ILogger?)log ?? NullLogger.Instance;

    public async Task<SettingsFlow> CreateFlowAsync(
        Session session, SelfServiceFlowType type = SelfServiceFlowType.Api, Uri? returnTo = null, CancellationToken cancellationToken = default)
    {
        ReturnToPolicy.EnsureAllowed(returnTo, recovery.FlowReturnUrls);
        var (_, identity) = await ActiveSessionAsync(session, cancellationToken).ConfigureAwait(false);
        var flow = await factory.StartAsync(identity.Id, type, returnTo?.ToString(), clock.Now(), null, cancellationToken).ConfigureAwait(false);
        Log.SettingsFlowStarted(_logger, flow.Id, identity.Id, type == SelfServiceFlowType.Api ? "api" : "browser");
        return View(flow, identity);
    }

    public async Task<SettingsFlow> GetFlowAsync(Guid flowId, Session session, CancellationToken cancellationToken = default)
    {
        var (_, identity) = await ActiveSessionAsync(session, cancellationToken).ConfigureAwait(false);
        var flow = await flows.GetAsync(flowId, SelfServiceFlowKind.Settings, cancellationToken).ConfigureAwait(false)
                   ?? throw new SelfServiceFlowNotFoundException(SelfServiceFlowKind.Settings);
        if (flow.IdentityId != identity.Id)
        {
            throw SecurityIdentityMismatchException.OnRead();
        }

        var now = clock.Now();
        if (now >= flow.ExpiresAt)
        {
            throw SelfServiceFlowExpiredException.OnRead(
                SelfServiceFlowKind.Settings, flow.Type, flow.ExpiresAt, now, settings.PublicBaseUrl, FlowRequestUrl.ReturnToOf(flow.RequestUrl));
        }

        return View(flow, identity);
    }

    public async Task<SettingsFlow> UpdateFlowAsync(Guid flowId, Session session, SettingsFlowUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        UnicodeTextCheck.EnsureValid(update.TransientPayload, "/transient_payload");
        var (active, identity) = await ActiveSessionAsync(session, cancellationToken).ConfigureAwait(false);
        var flow = await flows.GetAsync(flowId, SelfServiceFlowKind.Settings, cancellationToken).ConfigureAwait(false)
                   ?? throw new SelfServiceFlowNotFoundException(SelfServiceFlowKind.Settings);
        if (flow.IdentityId != identity.Id)
        {
            throw SecurityIdentityMismatchException.OnSubmit();
        }

        var now = clock.Now();
        if (now >= flow.ExpiresAt)
        {
            var message = SelfServiceTexts.Expired(SelfServiceFlowKind.Settings, flow.ExpiresAt, now);
            var replacement = await factory.StartAsync(
                identity.Id, flow.Type, FlowRequestUrl.ReturnToOf(flow.RequestUrl), now, [message], cancellationToken).ConfigureAwait(false);
            throw SelfServiceFlowExpiredException.OnSubmit(SelfServiceFlowKind.Settings, flow.ExpiresAt, now, replacement.Id, message);
        }

        var submission = new Submission(flow, active, identity, update, now);
        return update.Method switch
        {
            PasswordMethod => await UpdatePasswordAsync(submission, cancellationToken).ConfigureAwait(false),
            ProfileMethod => await UpdateProfileAsync(submission, cancellationToken).ConfigureAwait(false),
            _ => await RefuseAsync(submission, SelfServiceTexts.NoSettingsStrategy, null, cancellationToken).ConfigureAwait(false),
        };
    }

    public Task<SettingsFlow> UpdatePasswordAsync(
        Guid flowId, Session session, string? password, JsonElement? transientPayload = null, CancellationToken cancellationToken = default) =>
        UpdateFlowAsync(flowId, session, new SettingsFlowUpdate { Method = PasswordMethod, Password = password, TransientPayload = transientPayload }, cancellationToken);

    public Task<SettingsFlow> UpdateProfileAsync(
        Guid flowId, Session session, JsonElement? traits, JsonElement? transientPayload = null, CancellationToken cancellationToken = default) =>
        UpdateFlowAsync(flowId, session, new SettingsFlowUpdate { Method = ProfileMethod, Traits = traits, TransientPayload = transientPayload }, cancellationToken);

    public async Task<SettingsFlow> SetPasswordAsync(Session session, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        var flow = await CreateFlowAsync(session, SelfServiceFlowType.Api, null, cancellationToken).ConfigureAwait(false);
        return await UpdatePasswordAsync(flow.Id, session, password, null, cancellationToken).ConfigureAwait(false);
    }

    // Kratos's settings flow: a session is privileged until privileged_session_max_age after it was authenticated (with 0,
    // only at that instant); password changes and changes of identifiers or addresses need a privileged one.
    private bool IsPrivileged(Submission submission) =>
        submission.Session.AuthenticatedAt + settings.PrivilegedSessionMaxAge >= submission.Now;

    // Kratos's strategy/password/settings.go: body check, privileged check, identifiers, same-as-old, policy, hash, store.
    private async Task<SettingsFlow> UpdatePasswordAsync(Submission submission, CancellationToken cancellationToken)
    {
        var password = submission.Update.Password;
        if (string.IsNullOrEmpty(password))
        {
            var message = password is null ? SelfServiceTexts.Missing(PasswordMethod) : SelfServiceTexts.Empty;
            return await RefuseAsync(submission, message, PasswordMethod, cancellationToken).ConfigureAwait(false);
        }

        if (!IsPrivileged(submission))
        {
            throw RefreshRequired(submission.Flow);
        }

        var schema = SchemaOf(submission.Identity);
        var identifiers = schemas.Validate(schema, submission.Identity.Traits).PasswordIdentifiers;
        if (identifiers.Count == 0)
        {
            return await RefuseAsync(submission, SelfServiceTexts.NoIdentifiers, null, cancellationToken).ConfigureAwait(false);
        }

        if (IdentityManager.HashedPasswordOf(submission.Identity) is { } oldHash
            && (await hashing.VerifyAsync(password, oldHash, cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            return await RefuseAsync(submission, SelfServiceTexts.SamePassword, PasswordMethod, cancellationToken).ConfigureAwait(false);
        }

        if (await policy.ValidateAsync(password, identifiers, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return await RefuseAsync(submission, refusal, PasswordMethod, cancellationToken).ConfigureAwait(false);
        }

        string hash;
        try
        {
            hash = await hashing.HashAsync(password, null, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidRequestException e)
        {
            var message = e.Error.Reason == PasswordHashing.BcryptPasswordTooLong ? PasswordPolicyTexts.TooLong(BcryptHash.MaxPasswordBytes, System.Text.Encoding.UTF8.GetByteCount(password)) : SelfServiceTexts.Generic(e.Error.Reason ?? e.Error.Message);
            return await RefuseAsync(submission, message, PasswordMethod, cancellationToken).ConfigureAwait(false);
        }

        var now = submission.Now;
        var updated = await identities.UpdateAsync(submission.Identity.Id, current =>
        {
            var derivation = schemas.Validate(SchemaOf(current), current.Traits);
            var next = current with
            {
                Credentials = DerivedValuesApplier.BuildCredentials(CredentialsImporter.WithPasswordHash(current.Credentials, hash, now), derivation, now),
                UpdatedAt = now,
            };
            return NulCharacterRule.EnsureStorable(MachineIdentityRules.Enforce(next, SchemaOf(current).Kind));
        }, cancellationToken).ConfigureAwait(false);

        return await SucceedAsync(submission, PasswordMethod, updated, cancellationToken).ConfigureAwait(false);
    }

    // Kratos's strategy/profile/strategy.go: the traits must pass the schema; changing an identifier or an address needs
    // a privileged session.
    private async Task<SettingsFlow> UpdateProfileAsync(Submission submission, CancellationToken cancellationToken)
    {
        if (submission.Update.Traits is not { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } traits)
        {
            return await RefuseAsync(submission, SelfServiceTexts.Generic("Did not receive any value changes."), null, cancellationToken).ConfigureAwait(false);
        }

        UnicodeTextCheck.EnsureValid(traits, "/traits");
        var schema = SchemaOf(submission.Identity);
        TraitsDerivation derivation;
        try
        {
            NulCharacterRule.EnsureTraits(traits);
            derivation = schemas.Validate(schema, traits);
        }
        catch (IdentityValidationException e)
        {
            return await RefuseAsync(submission, e.Errors.Select(TraitMessage).ToArray(), traits, cancellationToken).ConfigureAwait(false);
        }

        var before = schemas.Validate(schema, submission.Identity.Traits);
        if (!IsPrivileged(submission) && ChangesCredentialsOrAddresses(before, derivation))
        {
            throw RefreshRequired(submission.Flow);
        }

        var now = submission.Now;
        Identity updated;
        try
        {
            updated = await identities.UpdateAsync(submission.Identity.Id, current =>
            {
                var next = DerivedValuesApplier.Apply(current with { UpdatedAt = now }, derivation, current.VerifiableAddresses, current.RecoveryAddresses, now);
                return NulCharacterRule.EnsureStorable(MachineIdentityRules.Enforce(next, schema.Kind));
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (IdentityConflictException)
        {
            return await RefuseAsync(submission, [("", SelfServiceTexts.DuplicateIdentifier)], traits, cancellationToken).ConfigureAwait(false);
        }

        return await SucceedAsync(submission, ProfileMethod, updated, cancellationToken).ConfigureAwait(false);
    }

    private static bool ChangesCredentialsOrAddresses(in TraitsDerivation before, in TraitsDerivation after) =>
        !before.PasswordIdentifiers.SequenceEqual(after.PasswordIdentifiers, StringComparer.Ordinal)
        || !before.WebAuthnIdentifiers.SequenceEqual(after.WebAuthnIdentifiers, StringComparer.Ordinal)
        || !before.CodeAddresses.SequenceEqual(after.CodeAddresses)
        || !before.VerifiableAddresses.SequenceEqual(after.VerifiableAddresses)
        || !before.RecoveryAddresses.SequenceEqual(after.RecoveryAddresses);

    // A schema violation on the node of its trait: a missing property gets 4000002, anything else 4000001 with the
    // validator's text.
    private static (string Node, UiText Message) TraitMessage(SchemaValidationError error)
    {
        var path = error.InstancePointer.TrimStart('#').Trim('/').Replace('/', '.');
        const string MissingPrefix = "missing properties: ";
        if (error.Message.StartsWith(MissingPrefix, StringComparison.Ordinal))
        {
            var property = error.Message[MissingPrefix.Length..].Split(',')[0].Trim().Trim('"');
            return ($"{path}.{property}", SelfServiceTexts.Missing(property));
        }

        return (path, SelfServiceTexts.Generic(error.Message));
    }

    private async Task<SettingsFlow> SucceedAsync(Submission submission, string method, Identity updated, CancellationToken cancellationToken)
    {
        var stored = await flows.UpdateAsync(submission.Flow.Id, SelfServiceFlowKind.Settings, f => f with
                     {
                         State = "success",
                         Document = new SelfServiceFlowDocument { Active = method, Messages = [SelfServiceTexts.ChangesSaved], UpdatedAt = submission.Now }.Write(),
                     }, cancellationToken).ConfigureAwait(false)
                     ?? throw new SelfServiceFlowNotFoundException(SelfServiceFlowKind.Settings);
        Log.SettingsUpdated(_logger, stored.Id, updated.Id, method);
        IReadOnlyList<ContinueWith>? continueWith = stored.Type == SelfServiceFlowType.Browser
            ? [ContinueWith.RedirectBrowser(FlowRequestUrl.ReturnToOf(stored.RequestUrl) ?? settings.SettingsReturnUrl(method, stored.Id))]
            : null;
        return SettingsFlowView.Create(stored, updated, SchemaOf(updated), settings.PublicBaseUrl, null, submission.Update.TransientPayload, continueWith);
    }

    private Task<SettingsFlow> RefuseAsync(Submission submission, UiText message, string? node, CancellationToken cancellationToken) =>
        RefuseAsync(submission, [(node ?? string.Empty, message)], null, cancellationToken);

    // Stores the messages on the flow (global ones under the empty node name) and throws the flow back; the identity is
    // not touched.
    private async Task<SettingsFlow> RefuseAsync(
        Submission submission, (string Node, UiText Message)[] messages, JsonElement? submittedTraits, CancellationToken cancellationToken)
    {
        var method = submission.Update.Method is PasswordMethod or ProfileMethod ? submission.Update.Method : null;
        var stored = await flows.UpdateAsync(submission.Flow.Id, SelfServiceFlowKind.Settings, f => f with
                     {
                         Document = SelfServiceFlowDocument.Read(f.Document).Refused(method, messages, submission.Now).Write(),
                     }, cancellationToken).ConfigureAwait(false)
                     ?? throw new SelfServiceFlowNotFoundException(SelfServiceFlowKind.Settings);
        var first = messages[0].Message;
        Log.SettingsRefused(_logger, stored.Id, first.Id);
        var view = SettingsFlowView.Create(stored, submission.Identity, SchemaOf(submission.Identity), settings.PublicBaseUrl, submittedTraits, submission.Update.TransientPayload);
        throw new SettingsFlowValidationException(view, first);
    }

    private SessionRefreshRequiredException RefreshRequired(SelfServiceFlowRecord flow)
    {
        Log.SettingsRefreshRequired(_logger, flow.Id);
        var returnTo = $"{settings.PublicBaseUrl}/self-service/settings?flow={flow.Id}";
        return new SessionRefreshRequiredException(
            $"{settings.PublicBaseUrl}/self-service/login/browser?refresh=true&return_to={Uri.EscapeDataString(returnTo)}");
    }

    // The session as stored now (its authenticated_at may have moved with a refresh login) and its identity; anything
    // but an active session of an existing, active identity is Kratos's 401.
    private async Task<(Session Session, Identity Identity)> ActiveSessionAsync(Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        Session stored;
        try
        {
            stored = await sessions.GetAsync(session.Id, SessionExpand.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionNotFoundException)
        {
            throw new SessionInactiveException();
        }

        if (!stored.Active || stored.IdentityId != session.IdentityId)
        {
            throw new SessionInactiveException();
        }

        var identity = await identities.GetAsync(stored.IdentityId, cancellationToken).ConfigureAwait(false);
        if (identity is null || identity.State != IdentityState.Active)
        {
            throw new SessionInactiveException();
        }

        return (stored, identity);
    }

    private IdentitySchema SchemaOf(Identity identity) =>
        schemas.Find(identity.SchemaId) ?? throw new InvalidRequestException($"Unable to find JSON Schema ID: {identity.SchemaId}");

    private SettingsFlow View(SelfServiceFlowRecord flow, Identity identity) =>
        SettingsFlowView.Create(flow, identity, schemas.Find(identity.SchemaId), settings.PublicBaseUrl);

    private sealed record Submission(SelfServiceFlowRecord Flow, Session Session, Identity Identity, SettingsFlowUpdate Update, Instant Now);
}
