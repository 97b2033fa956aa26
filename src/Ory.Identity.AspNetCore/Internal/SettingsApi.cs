using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage;
using Ory.Identity.AspNetCore.Internal.OpenApi;
using static Ory.Identity.AspNetCore.Internal.OpenApi.KratosOperation;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Kratos's public settings endpoints (selfservice/flow/settings/handler.go, error.go, strategy/password/settings.go):
/// browser and API flows, reading a flow, submitting the password or profile method, and
/// <c>/.well-known/change-password</c>.
/// </summary>
internal sealed class SettingsApi(OryIdentityHttp http, SelfServiceHttp selfService)
{
    private const string FlowParameterMissing = "The flow query parameter is missing or malformed.";
    private const string ApiNeedsSession = "This endpoint can only be accessed with a valid session. Please log in and try again.";
    private const string CredentialsMissing = "A valid Ory Session Cookie or Ory Session Token is missing.";

    public void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/self-service/settings/browser", http.HandleBrowser(CreateBrowserFlowAsync))
            .Describe("createBrowserSettingsFlow", "frontend", Answer<SettingsFlow>(), Empty(StatusCodes.Status303SeeOther), Error(400), Error(401), Error(403));
        group.MapGet("/self-service/settings/api", http.Handle(CreateApiFlowAsync))
            .Describe("createNativeSettingsFlow", "frontend", Answer<SettingsFlow>(), Error(400));
        group.MapGet("/self-service/settings/flows", http.Handle(GetFlowAsync))
            .Describe("getSettingsFlow", "frontend", Answer<SettingsFlow>(), Error(401), Error(403), Error(404), Error(410));

        // The submission also answers GET; Kratos's api.json documents the POST.
        var update = http.HandleBrowser(UpdateFlowAsync, (context, id) => SelfServiceHttp.FlowTypeAsync(context, id, SelfServiceFlowKind.Settings));
        group.MapPost("/self-service/settings", update).AcceptsSubmission()
            .Describe("updateSettingsFlow", "frontend", Answer<SettingsFlow>(), Empty(StatusCodes.Status303SeeOther), Answer<SettingsFlow>(StatusCodes.Status400BadRequest), Error(401), Error(403), Error(410), Error(422));
        group.MapGet("/self-service/settings", update).ExcludeFromDescription();
        group.MapGet("/.well-known/change-password", http.Handle(ChangePasswordAsync))
            .Describe("getWellKnownChangePassword", "frontend", Empty(StatusCodes.Status303SeeOther));
    }

    private static ISelfServiceSettings Settings(HttpContext context) => context.RequestServices.GetRequiredService<ISelfServiceSettings>();

    private string LoginBrowser(HttpRequest request)
    {
        var url = selfService.PublicBaseUrl + "/self-service/login/browser";
        var returnTo = KratosQuery.Get(request.Query, "return_to");
        return returnTo.Length == 0 ? url : SelfServiceAnswers.WithQuery(url, "return_to", returnTo);
    }

    // GET /self-service/settings/browser: JSON → 200 flow, browsers → 303 to the settings UI; without a session JSON
    // gets 401 session_inactive and browsers 303 to the login flow, carrying return_to.
    private async Task CreateBrowserFlowAsync(HttpContext context)
    {
        var json = KratosQuery.IsJsonRequest(context.Request);
        var returnTo = selfService.ReturnTo(context.Request);
        if (await selfService.SessionAsync(context).ConfigureAwait(false) is not { } current)
        {
            if (json)
            {
                throw new SessionInactiveException();
            }

            SelfServiceAnswers.SeeOther(context, LoginBrowser(context.Request));
            return;
        }

        var flow = await Settings(context).CreateFlowAsync(current.Session, SelfServiceFlowType.Browser, returnTo, context.RequestAborted).ConfigureAwait(false);
        flow = flow with { Ui = selfService.WithCsrfToken(context, flow.Ui) };
        if (json)
        {
            await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, flow).ConfigureAwait(false);
            return;
        }

        SelfServiceAnswers.SeeOther(context, SettingsUi(flow.Id));
    }

    // GET /self-service/settings/api: a session token is required (401 session_inactive with Kratos's API reason).
    private async Task CreateApiFlowAsync(HttpContext context)
    {
        var returnTo = selfService.ReturnTo(context.Request);
        if (await selfService.SessionAsync(context).ConfigureAwait(false) is not { } current)
        {
            await OryIdentityHttp.WriteErrorAsync(context, new SessionInactiveException().Error with { Reason = ApiNeedsSession }).ConfigureAwait(false);
            return;
        }

        var flow = await Settings(context).CreateFlowAsync(current.Session, SelfServiceFlowType.Api, returnTo, context.RequestAborted).ConfigureAwait(false);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, flow).ConfigureAwait(false);
    }

    // GET /self-service/settings/flows?id=: without a session JSON gets 401 and browsers 302 to the login UI.
    private async Task GetFlowAsync(HttpContext context)
    {
        var id = GoUuid.ParseOrNil(KratosQuery.Get(context.Request.Query, "id"));
        if (await selfService.SessionAsync(context).ConfigureAwait(false) is not { } current)
        {
            if (KratosQuery.IsJsonRequest(context.Request))
            {
                await OryIdentityHttp.WriteErrorAsync(context, OryIdentityHttp.DefaultError(StatusCodes.Status401Unauthorized) with { Reason = CredentialsMissing }).ConfigureAwait(false);
                return;
            }

            SelfServiceAnswers.Found(context, selfService.Flows.LoginUiUrl);
            return;
        }

        var flow = await Settings(context).GetFlowAsync(id, current.Session, context.RequestAborted).ConfigureAwait(false);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, Rendered(context, flow)).ConfigureAwait(false);
    }

    // GET|POST /self-service/settings?flow=: the password or profile method; CSRF for browser flows only.
    private async Task UpdateFlowAsync(HttpContext context)
    {
        var submission = await SelfServiceSubmission.ReadAsync(context, http, "flow").ConfigureAwait(false);
        var json = KratosQuery.IsJsonRequest(context.Request);
        if (!GoUuid.TryParse(submission.Get("flow"), out var flowId))
        {
            throw new InvalidRequestException(FlowParameterMissing);
        }

        if (await selfService.SessionAsync(context).ConfigureAwait(false) is not { } current)
        {
            if (json)
            {
                throw new SessionInactiveException();
            }

            SelfServiceAnswers.SeeOther(context, LoginBrowser(context.Request));
            return;
        }

        var stored = await context.RequestServices.GetRequiredService<ISelfServiceFlowStore>()
            .GetAsync(flowId, SelfServiceFlowKind.Settings, context.RequestAborted).ConfigureAwait(false);
        var browser = stored?.Type == SelfServiceFlowType.Browser;
        var update = new SettingsFlowUpdate
        {
            Method = submission.Get("method"),
            Password = submission.Get("password"),
            Traits = submission.Traits,
            TransientPayload = submission.TransientPayload,
        };

        // Kratos validates the method's fields before the CSRF check, so an incomplete browser submission gets its
        // validation messages; one that could change something must carry the token.
        if (browser && stored!.IdentityId == current.Session.Identity?.Id && WouldChange(update))
        {
            selfService.VerifyCsrf(context, submission);
        }

        SettingsFlow flow;
        try
        {
            flow = await Settings(context).UpdateFlowAsync(flowId, current.Session, update, context.RequestAborted).ConfigureAwait(false);
        }
        catch (SettingsFlowValidationException e)
        {
            await AnswerFlowAsync(context, json, Rendered(context, e.Flow), StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }
        catch (SelfServiceFlowExpiredException e) when (e.UseFlowId is { } replacement)
        {
            if (json || !browser)
            {
                await SelfServiceAnswers.WriteFlowExpiredAsync(context, e.ExpiredAt, e.ExpiredFor, replacement).ConfigureAwait(false);
            }
            else
            {
                SelfServiceAnswers.SeeOther(context, SettingsUi(replacement));
            }

            return;
        }
        catch (SessionRefreshRequiredException e)
        {
            if (json || !browser)
            {
                await SelfServiceAnswers.WriteErrorAsync(context, e.Error, new() { ["redirect_browser_to"] = e.RedirectBrowserTo }).ConfigureAwait(false);
            }
            else
            {
                SelfServiceAnswers.SeeOther(context, e.RedirectBrowserTo);
            }

            return;
        }

        if (!browser)
        {
            await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, flow).ConfigureAwait(false);
            return;
        }

        // Browser success: the session cookie is issued again; the user goes to return_to, the after URLs, or the flow.
        selfService.IssueSessionCookie(context, current.Token.Token, current.Session);
        var after = update.Method == "profile" ? selfService.Flows.SettingsAfterProfileUrl : selfService.Flows.SettingsAfterPasswordUrl;
        var next = selfService.RedirectAfter(flow.RequestUrl, after, selfService.Flows.SettingsAfterUrl, SettingsUi(flow.Id));
        if (json)
        {
            flow = Rendered(context, flow) with { ContinueWith = [.. flow.ContinueWith ?? [], ContinueWith.RedirectBrowser(next)] };
            await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, flow).ConfigureAwait(false);
            return;
        }

        SelfServiceAnswers.SeeOther(context, next);
    }

    private async Task AnswerFlowAsync(HttpContext context, bool json, SettingsFlow flow, int status)
    {
        if (json || flow.Type == SelfServiceFlowType.Api)
        {
            await OryIdentityHttp.WriteJsonAsync(context, status, flow).ConfigureAwait(false);
            return;
        }

        SelfServiceAnswers.SeeOther(context, SettingsUi(flow.Id));
    }

    // GET /.well-known/change-password: 303 to the settings UI (Kratos's well-known redirect).
    private Task ChangePasswordAsync(HttpContext context)
    {
        SelfServiceAnswers.SeeOther(context, selfService.Flows.SettingsUiUrl);
        return Task.CompletedTask;
    }

    private static bool WouldChange(SettingsFlowUpdate update) => update.Method switch
    {
        "password" => !string.IsNullOrEmpty(update.Password),
        "profile" => update.Traits is not null,
        _ => false,
    };

    private SettingsFlow Rendered(HttpContext context, SettingsFlow flow) =>
        flow.Type == SelfServiceFlowType.Browser ? flow with { Ui = selfService.WithCsrfToken(context, flow.Ui) } : flow;

    private string SettingsUi(Guid flowId) => SelfServiceAnswers.WithFlow(selfService.Flows.SettingsUiUrl, flowId);
}
