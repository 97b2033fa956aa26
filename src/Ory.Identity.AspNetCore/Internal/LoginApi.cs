using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage;
using System.Text.Json;
using Ory.Identity.AspNetCore.Internal.OpenApi;
using static Ory.Identity.AspNetCore.Internal.OpenApi.KratosOperation;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Kratos's public login endpoints with the password method (selfservice/flow/login/handler.go, error.go, hook.go,
/// strategy/password/login.go): browser and API flows, reading a flow, and submitting credentials.
/// </summary>
internal sealed class LoginApi(OryIdentityHttp http, SelfServiceHttp selfService)
{
    private const string FlowParameterMissing = "The flow query parameter is missing or malformed.";
    private const string PasswordMethod = "password";

    public void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/self-service/login/browser", http.HandleBrowser(context => CreateFlowAsync(context, SelfServiceFlowType.Browser)))
            .Describe("createBrowserLoginFlow", "frontend", Answer<LoginFlow>(), Empty(StatusCodes.Status303SeeOther), Error(400));
        group.MapGet("/self-service/login/api", http.Handle(context => CreateFlowAsync(context, SelfServiceFlowType.Api)))
            .Describe("createNativeLoginFlow", "frontend", Answer<LoginFlow>(), Error(400));
        group.MapGet("/self-service/login/flows", http.Handle(GetFlowAsync))
            .Describe("getLoginFlow", "frontend", Answer<LoginFlow>(), Error(403), Error(404), Error(410));

        // The submission also answers GET; Kratos's api.json documents the POST. A native login answers
        // {"session_token","session"} (Kratos's successfulNativeLogin), which has no type of its own here.
        var update = http.HandleBrowser(SubmitAsync, (context, id) => SelfServiceHttp.FlowTypeAsync(context, id, SelfServiceFlowKind.Login));
        group.MapPost("/self-service/login", update).AcceptsSubmission()
            .Describe("updateLoginFlow", "frontend", Answer<JsonElement>(), Empty(StatusCodes.Status303SeeOther), Answer<LoginFlow>(StatusCodes.Status400BadRequest), Error(410), Error(422));
        group.MapGet("/self-service/login", update).ExcludeFromDescription();
    }

    private static ISelfServiceLogin Login(HttpContext context) => context.RequestServices.GetRequiredService<ISelfServiceLogin>();

    // GET /self-service/login/{browser,api}?refresh=&aal=&return_to=
    private async Task CreateFlowAsync(HttpContext context, SelfServiceFlowType type)
    {
        var query = context.Request.Query;
        var json = type == SelfServiceFlowType.Api || KratosQuery.IsJsonRequest(context.Request);
        var current = await selfService.SessionAsync(context).ConfigureAwait(false);
        EnsureAal(KratosQuery.Get(query, "aal"), current is not null);
        var returnTo = selfService.ReturnTo(context.Request);
        var refresh = string.Equals(KratosQuery.Get(query, "refresh"), "true", StringComparison.OrdinalIgnoreCase);

        LoginFlow flow;
        try
        {
            flow = await Login(context).CreateFlowAsync(type, refresh, returnTo, current?.Session, context.RequestAborted).ConfigureAwait(false);
        }
        catch (SessionAlreadyAvailableException) when (!json)
        {
            SelfServiceAnswers.SeeOther(context, (returnTo ?? selfService.DefaultReturnUrl()).ToString());
            return;
        }

        if (type == SelfServiceFlowType.Api)
        {
            await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, flow).ConfigureAwait(false);
            return;
        }

        flow = Rendered(context, flow);
        if (json)
        {
            await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, flow).ConfigureAwait(false);
            return;
        }

        SelfServiceAnswers.SeeOther(context, LoginUi(flow.Id));
    }

    // Kratos parses aal as aal1 or aal2; aal2 needs a session to step up from.
    private static void EnsureAal(string aal, bool hasSession)
    {
        switch (aal)
        {
            case "" or "aal1":
                return;
            case "aal2" when !hasSession:
                throw new SessionAal1RequiredException();
            case "aal2":
                return;
            default:
                throw new InvalidRequestException($"Unable to parse AuthenticationMethod Assurance Level (AAL): expected one of [aal1, aal2] but got {aal}");
        }
    }

    // GET /self-service/login/flows?id=: browser flows need the CSRF cookie.
    private async Task GetFlowAsync(HttpContext context)
    {
        var id = GoUuid.ParseOrNil(KratosQuery.Get(context.Request.Query, "id"));
        var flow = await Login(context).GetFlowAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (flow.Type == SelfServiceFlowType.Browser)
        {
            selfService.RequireCsrfCookie(context);
        }

        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, Rendered(context, flow)).ConfigureAwait(false);
    }

    // GET|POST /self-service/login?flow=: identifier and password; CSRF for browser flows only.
    private async Task SubmitAsync(HttpContext context)
    {
        var submission = await SelfServiceSubmission.ReadAsync(context, http, "flow").ConfigureAwait(false);
        var json = KratosQuery.IsJsonRequest(context.Request);
        if (!GoUuid.TryParse(submission.Get("flow"), out var flowId))
        {
            throw new InvalidRequestException(FlowParameterMissing);
        }

        var stored = await context.RequestServices.GetRequiredService<ISelfServiceFlowStore>()
            .GetAsync(flowId, SelfServiceFlowKind.Login, context.RequestAborted).ConfigureAwait(false);
        var browser = stored?.Type == SelfServiceFlowType.Browser;
        var current = await selfService.SessionAsync(context).ConfigureAwait(false);
        var credentials = new LoginFlowSubmission
        {
            Method = submission.Get("method"),
            Identifier = submission.Identifier,
            Password = submission.Get("password"),
            TransientPayload = submission.TransientPayload,
        };

        // Kratos looks for a session before the method (and its CSRF check) runs: a signed-in browser submitting a flow
        // that is not a refresh, such as the same form twice, is sent on (login/handler.go updateLoginFlow).
        if (browser && !json && current is not null && !SelfServiceFlowDocument.Read(stored!.Document).Refresh)
        {
            SelfServiceAnswers.SeeOther(context, selfService.DefaultReturnUrl().ToString());
            return;
        }

        // Kratos validates the body before the CSRF check, so an incomplete browser submission gets its messages.
        if (browser && credentials.Method == PasswordMethod && !string.IsNullOrEmpty(credentials.Identifier) && !string.IsNullOrEmpty(credentials.Password))
        {
            selfService.VerifyCsrf(context, submission);
        }

        LoginResult result;
        try
        {
            result = await Login(context).SubmitAsync(flowId, credentials, current?.Session, SelfServiceHttp.Device(context), context.RequestAborted).ConfigureAwait(false);
        }
        catch (LoginFlowValidationException e)
        {
            if (json || e.Flow.Type == SelfServiceFlowType.Api)
            {
                await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status400BadRequest, Rendered(context, e.Flow)).ConfigureAwait(false);
            }
            else
            {
                SelfServiceAnswers.SeeOther(context, LoginUi(e.Flow.Id));
            }

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
                SelfServiceAnswers.SeeOther(context, LoginUi(replacement));
            }

            return;
        }
        catch (SessionAlreadyAvailableException) when (browser && !json)
        {
            SelfServiceAnswers.SeeOther(context, selfService.DefaultReturnUrl().ToString());
            return;
        }

        var token = result.Issued?.Token ?? current?.Token.Token;
        if (!browser)
        {
            var body = new JsonObject
            {
                ["session_token"] = token,
                ["session"] = JsonNode.Parse(OryIdentityJson.SerializeToUtf8Bytes(result.Session)),
                ["continue_with"] = null,
            };
            await OryIdentityHttp.WriteJsonAsync<JsonNode>(context, StatusCodes.Status200OK, body).ConfigureAwait(false);
            return;
        }

        // A new identity signing in gets a new CSRF secret (Kratos regenerates it unless the same identity was signed in).
        if (current is null || current.Value.Session.Identity?.Id != result.Session.Identity?.Id)
        {
            selfService.RegenerateCsrf(context);
        }

        selfService.IssueSessionCookie(context, token!, result.Session);
        var next = selfService.RedirectAfter(
            result.Flow.RequestUrl, selfService.Flows.LoginAfterPasswordUrl, selfService.Flows.LoginAfterUrl, selfService.DefaultReturnUrl().ToString());
        if (json)
        {
            var body = new JsonObject
            {
                ["session"] = JsonNode.Parse(OryIdentityJson.SerializeToUtf8Bytes(result.Session)),
                ["continue_with"] = new JsonArray(JsonNode.Parse(OryIdentityJson.SerializeToUtf8Bytes(ContinueWith.RedirectBrowser(next)))),
            };
            await OryIdentityHttp.WriteJsonAsync<JsonNode>(context, StatusCodes.Status200OK, body).ConfigureAwait(false);
            return;
        }

        SelfServiceAnswers.SeeOther(context, next);
    }

    private LoginFlow Rendered(HttpContext context, LoginFlow flow) =>
        flow.Type == SelfServiceFlowType.Browser ? flow with { Ui = selfService.WithCsrfToken(context, flow.Ui) } : flow;

    private string LoginUi(Guid flowId) => SelfServiceAnswers.WithFlow(selfService.Flows.LoginUiUrl, flowId);

    /// <summary>Kratos's 401 <c>session_aal1_required</c> for <c>aal=aal2</c> without a session.</summary>
    private sealed class SessionAal1RequiredException() : OryIdentityException(
        new OryError
        {
            Code = StatusCodes.Status401Unauthorized,
            Status = "Unauthorized",
            Id = "session_aal1_required",
            Message = "The request could not be authorized",
            Reason = "You can not requested a higher AAL (AAL2/AAL3) without an active session.",
        },
        "A higher AAL was requested without a session.");
}
