using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ory.Identity.Storage;
using Ory.Identity.AspNetCore.Internal.OpenApi;
using static Ory.Identity.AspNetCore.Internal.OpenApi.KratosOperation;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Kratos's self-service recovery endpoints (selfservice/flow/recovery/handler.go, strategy/{link,code}/strategy_recovery.go):
/// API and browser flows, reading a flow, submitting an address, a code or (from the e-mailed link) a token, and what a
/// successful redemption answers (a session and a settings flow).
/// </summary>
internal sealed class RecoveryApi(OryIdentityHttp http, RecoveryFlowNotes notes, SelfServiceHttp selfService)
{
    private const string StrategyNotFound = "Could not find a strategy to recover your account with. Did you fill out the form correctly?";
    private const string FlowParameterMissing = "The flow query parameter is missing or malformed.";
    private const string SessionAlreadyAvailable = "A valid session was detected and thus recovery is not possible.";

    public void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/self-service/recovery/api", http.Handle(CreateApiFlowAsync))
            .Describe("createNativeRecoveryFlow", "frontend", Answer<RecoveryFlow>(), Error(400));
        group.MapGet("/self-service/recovery/browser", http.HandleBrowser(CreateBrowserFlowAsync))
            .Describe("createBrowserRecoveryFlow", "frontend", Answer<RecoveryFlow>(), Empty(StatusCodes.Status303SeeOther), Error(400));
        group.MapGet("/self-service/recovery/flows", http.Handle(GetFlowAsync))
            .Describe("getRecoveryFlow", "frontend", Answer<RecoveryFlow>(), Error(404), Error(410));

        // The submission also answers GET (the link's target); Kratos's api.json documents the POST.
        var update = http.HandleBrowser(UpdateFlowAsync, SelfServiceHttp.RecoveryFlowTypeAsync);
        group.MapPost("/self-service/recovery", update).AcceptsSubmission()
            .Describe("updateRecoveryFlow", "frontend", Answer<RecoveryFlow>(), Empty(StatusCodes.Status303SeeOther), Answer<RecoveryFlow>(StatusCodes.Status400BadRequest), Error(410), Error(422));
        group.MapGet("/self-service/recovery", update).ExcludeFromDescription();
    }

    private static ISelfServiceRecovery Recovery(HttpContext context) => context.RequestServices.GetRequiredService<ISelfServiceRecovery>();

    // GET /self-service/recovery/api: 200 with an api flow; 400 session_already_available with a session.
    private async Task CreateApiFlowAsync(HttpContext context)
    {
        var returnTo = SelfServiceHttp.AbsoluteReturnTo(context.Request);
        if (await selfService.SessionAsync(context).ConfigureAwait(false) is not null)
        {
            throw new InvalidRequestException(SessionAlreadyAvailable);
        }

        var flow = await Recovery(context).CreateFlowAsync(SelfServiceFlowType.Api, returnTo, context.RequestAborted).ConfigureAwait(false);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, flow).ConfigureAwait(false);
    }

    // GET /self-service/recovery/browser: a browser flow with the CSRF cookie; JSON → 200 flow, browsers → 303 to the
    // recovery UI. With a session: JSON 400 session_already_available, browsers 302 to return_to or the default URL.
    private async Task CreateBrowserFlowAsync(HttpContext context)
    {
        var json = KratosQuery.IsJsonRequest(context.Request);
        var returnTo = SelfServiceHttp.AbsoluteReturnTo(context.Request);
        if (await selfService.SessionAsync(context).ConfigureAwait(false) is not null)
        {
            if (json)
            {
                throw new InvalidRequestException(SessionAlreadyAvailable);
            }

            SelfServiceAnswers.Found(context, (returnTo ?? selfService.DefaultReturnUrl()).ToString());
            return;
        }

        var flow = await Recovery(context).CreateFlowAsync(SelfServiceFlowType.Browser, returnTo, context.RequestAborted).ConfigureAwait(false);
        flow = Rendered(context, flow);
        if (json)
        {
            await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, flow).ConfigureAwait(false);
            return;
        }

        SelfServiceAnswers.SeeOther(context, RecoveryUi(flow.Id));
    }

    private async Task GetFlowAsync(HttpContext context)
    {
        // Kratos parses the id leniently: an invalid one is the nil UUID, which is not found.
        var id = GoUuid.ParseOrNil(KratosQuery.Get(context.Request.Query, "id"));
        RecoveryFlow flow;
        try
        {
            flow = await Recovery(context).GetFlowAsync(id, context.RequestAborted).ConfigureAwait(false);
        }
        catch (RecoveryFlowExpiredException e)
        {
            throw new FlowExpiredHttpException(e.ExpiredAt, MinutesAgo(e), http.Ory.Serve.Public.BaseUrl.TrimEnd('/'));
        }

        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, Rendered(context, notes.Apply(flow))).ConfigureAwait(false);
    }

    // Browser flows render a masked CSRF token (and get the CSRF cookie); api flows keep the empty node.
    private RecoveryFlow Rendered(HttpContext context, RecoveryFlow flow) =>
        flow.Type == SelfServiceFlowType.Browser ? flow with { Ui = selfService.WithCsrfToken(context, flow.Ui) } : flow;

    private static string MinutesAgo(RecoveryFlowExpiredException e) => SelfServiceAnswers.FormatMinutes(e.ExpiredFor);

    // GET or POST /self-service/recovery?flow=…: submit an address, a code, or (GET from the e-mailed link) a token.
    private async Task UpdateFlowAsync(HttpContext context)
    {
        var fields = await SelfServiceSubmission.ReadAsync(context, http, "flow", "token").ConfigureAwait(false);
        var json = KratosQuery.IsJsonRequest(context.Request);
        var flowText = fields.Get("flow");
        if (!GoUuid.TryParse(flowText, out var flowId))
        {
            throw new InvalidRequestException(FlowParameterMissing);
        }

        RecoveryMethod? method = fields.Get("method") switch
        {
            null or "" => null,
            "link" => RecoveryMethod.Link,
            "code" => RecoveryMethod.Code,
            _ => throw new InvalidRequestException(StrategyNotFound),
        };

        var email = fields.Get("email");
        var code = fields.Get("code");
        var token = fields.Get("token");

        // Browser flows need the CSRF token for an address or a code (flows made by /admin/recovery/code are exempt); the
        // e-mailed link (a token) never carries one.
        if ((!string.IsNullOrEmpty(email) || (!string.IsNullOrEmpty(code) && email is null))
            && await NeedsCsrfAsync(context, flowId).ConfigureAwait(false))
        {
            selfService.VerifyCsrf(context, fields);
        }

        if (email is not null || (method is not null && code is null && token is null))
        {
            // Any body with an email is a (re)send, even one that also carries a code.
            await SubmitAddressAsync(context, json, flowId, email, method, fields.TransientPayload).ConfigureAwait(false);
            return;
        }

        if (code is not null)
        {
            await RedeemAsync(context, json, flowId, RecoveryMethod.Code, code).ConfigureAwait(false);
            return;
        }

        if (token is not null)
        {
            await RedeemAsync(context, json, flowId, RecoveryMethod.Link, token).ConfigureAwait(false);
            return;
        }

        throw new InvalidRequestException(StrategyNotFound);
    }

    private static async Task<bool> NeedsCsrfAsync(HttpContext context, Guid flowId)
    {
        var flow = await context.RequestServices.GetRequiredService<IRecoveryStore>().GetFlowAsync(flowId, context.RequestAborted).ConfigureAwait(false);
        return flow is { Type: SelfServiceFlowType.Browser } && !IsAdminIssued(flow);
    }

    // Flows made by the admin API carry its URL (<admin>/admin/recovery/{link,code}) as their request URL.
    private static bool IsAdminIssued(RecoveryFlowRecord flow) =>
        Uri.TryCreate(flow.RequestUrl, UriKind.Absolute, out var url) && url.AbsolutePath.StartsWith("/admin/recovery/", StringComparison.Ordinal);

    private async Task SubmitAddressAsync(HttpContext context, bool json, Guid flowId, string? email, RecoveryMethod? method, JsonElement? transientPayload)
    {
        RecoveryFlow flow;
        var status = StatusCodes.Status200OK;
        try
        {
            flow = await Recovery(context).SubmitAddressAsync(flowId, email, method, transientPayload, context.RequestAborted).ConfigureAwait(false);
        }
        catch (RecoveryFlowValidationException e)
        {
            flow = e.Flow;
            status = StatusCodes.Status400BadRequest;
        }

        if (json || flow.Type == SelfServiceFlowType.Api)
        {
            await OryIdentityHttp.WriteJsonAsync(context, status, flow).ConfigureAwait(false);
            return;
        }

        // The browser reads the flow again from the recovery UI: keep the "sent" message for it, as Kratos stores it.
        if (flow.Ui.Messages is [var sent, ..])
        {
            notes.Add(flow, sent);
        }

        SelfServiceAnswers.SeeOther(context, RecoveryUi(flow.Id));
    }

    private async Task RedeemAsync(HttpContext context, bool json, Guid flowId, RecoveryMethod method, string secret)
    {
        var redeemer = context.RequestServices.GetRequiredService<IRecoveryRedeemer>();
        RecoveryRedemption redemption;
        try
        {
            redemption = method == RecoveryMethod.Link
                ? await redeemer.RedeemLinkAsync(flowId, secret, context.RequestAborted).ConfigureAwait(false)
                : await redeemer.RedeemCodeAsync(flowId, secret, context.RequestAborted).ConfigureAwait(false);
        }
        catch (RecoveryException e) when (e is not RecoveryFlowNotFoundException && e is not RecoveryDisabledException && e.UiMessage is not null)
        {
            await RedemptionFailedAsync(context, json, flowId, method, e).ConfigureAwait(false);
            return;
        }

        if (http.Options.OnRecovered is { } onRecovered)
        {
            await onRecovered(context, redemption).ConfigureAwait(false);
            if (context.Response.HasStarted)
            {
                return;
            }
        }

        await RecoveredAsync(context, json, redemption).ConfigureAwait(false);
    }

    // What a redemption answers (Kratos's selfservice/strategy/{link,code}/strategy_recovery.go): a link always gets the
    // browser answer, the session cookie and 303 to the settings UI. A code keeps the flow's type: browsers get the same;
    // JSON and api clients get 200 with the flow and continue_with (the api session's token, then the settings flow),
    // or, with feature_flags.use_continue_with_transitions off, 422 browser_location_change_required.
    private async Task RecoveredAsync(HttpContext context, bool json, RecoveryRedemption redemption)
    {
        var flow = redemption.Flow;
        var settings = redemption.SettingsFlow;
        var next = settings is null
            ? selfService.RedirectAfter(flow.RequestUrl, selfService.DefaultReturnUrl().ToString())
            : SelfServiceAnswers.WithFlow(selfService.Flows.SettingsUiUrl, settings.Id);
        var api = flow.Type == SelfServiceFlowType.Api && redemption.Method == RecoveryMethod.Code;
        if (!api)
        {
            selfService.RegenerateCsrf(context);
            selfService.IssueSessionCookie(context, redemption.Session.Token, redemption.Session.Session);
        }

        if (redemption.Method == RecoveryMethod.Link || !(json || api))
        {
            SelfServiceAnswers.SeeOther(context, next);
            return;
        }

        if (!selfService.UseContinueWithTransitions && settings is not null)
        {
            // Without transitions a non-JSON api request is redirected too; the api session's token is not returned.
            if (json)
            {
                await SelfServiceAnswers.WriteBrowserLocationChangeRequiredAsync(context, next).ConfigureAwait(false);
            }
            else
            {
                SelfServiceAnswers.SeeOther(context, next);
            }

            return;
        }

        var continueWith = new List<ContinueWith>(2);
        if (api)
        {
            continueWith.Add(ContinueWith.SetOrySessionToken(redemption.Session.Token));
        }

        if (settings is not null)
        {
            continueWith.Add(ContinueWith.ShowSettingsUi(settings.Id, next));
        }

        await SelfServiceAnswers.WriteFlowAsync(context, StatusCodes.Status200OK, flow, continueWith).ConfigureAwait(false);
    }

    // A wrong code keeps the flow (4060006 on it); any other failure starts a new browser flow carrying Kratos's message
    // (4060004 invalid token, 4060005 expired, 4010011 disabled account, …). JSON clients get the error body.
    private async Task RedemptionFailedAsync(HttpContext context, bool json, Guid flowId, RecoveryMethod method, RecoveryException e)
    {
        var message = e.UiMessage!;
        if (method == RecoveryMethod.Code && e is RecoveryTokenInvalidException)
        {
            RecoveryFlow? same = null;
            try
            {
                same = await Recovery(context).GetFlowAsync(flowId, context.RequestAborted).ConfigureAwait(false);
            }
            catch (RecoveryException)
            {
                // Flows disabled or gone meanwhile: answer with the error itself.
            }

            if (same is not null)
            {
                notes.Add(same, message);
                if (json || same.Type == SelfServiceFlowType.Api)
                {
                    await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, RecoveryFlowNotes.WithMessage(same, message)).ConfigureAwait(false);
                }
                else
                {
                    SelfServiceAnswers.SeeOther(context, RecoveryUi(same.Id));
                }

                return;
            }
        }

        if (json)
        {
            await OryIdentityHttp.WriteErrorAsync(context, e.Error).ConfigureAwait(false);
            return;
        }

        RecoveryFlow fresh;
        try
        {
            fresh = await Recovery(context).CreateFlowAsync(SelfServiceFlowType.Browser, null, context.RequestAborted).ConfigureAwait(false);
        }
        catch (RecoveryDisabledException)
        {
            await OryIdentityHttp.WriteErrorAsync(context, e.Error).ConfigureAwait(false);
            return;
        }

        notes.Add(fresh, message);
        SelfServiceAnswers.SeeOther(context, RecoveryUi(fresh.Id));
    }

    private string RecoveryUi(Guid flowId) => SelfServiceAnswers.WithFlow(http.Ory.SelfService.Flows.Recovery.UiUrl, flowId);

    /// <summary>Kratos's 410 for reading an expired API recovery flow (<c>self_service_flow_expired</c>).</summary>
    private sealed class FlowExpiredHttpException(Instant expiredAt, string minutesAgo, string publicBaseUrl) : OryIdentityException(
        new OryError
        {
            Code = 410,
            Status = "Gone",
            Id = "self_service_flow_expired",
            Message = "self-service flow expired",
            Reason = $"The self-service flow expired {minutesAgo} minutes ago, initialize a new one.",
            Details = Details(publicBaseUrl, expiredAt),
        },
        "The recovery flow expired.")
    {
        private static JsonElement Details(string publicBaseUrl, Instant expiredAt)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("api", $"{publicBaseUrl}/self-service/recovery/api");
                writer.WriteString("expired_at", SelfServiceAnswers.Format(expiredAt));
                writer.WriteEndObject();
            }

            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            return document.RootElement.Clone();
        }
    }
}
