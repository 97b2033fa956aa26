using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>
/// The recovery, settings and login pages (after kratos-selfservice-ui-node's routes): without <c>?flow=</c> the browser
/// is sent to the public API to start a flow; with it, the flow is fetched with the browser's cookies and rendered from
/// its <c>ui</c>. Answers that mean "start again" (unknown, expired or foreign flow, no CSRF cookie) start a new flow;
/// redirects the API asks for are followed; anything else is shown on the error page, never as a stack trace.
/// </summary>
internal sealed class FlowPage(FlowKind kind, PublicApiClient api)
{
    /// <summary>Serves the page.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var flowId = context.Request.Query["flow"].ToString();
        if (flowId.Length == 0)
        {
            context.Response.Redirect(InitUrl(context.Request.Query));
            return;
        }

        var answer = await api.GetAsync(context, $"/self-service/{kind.Name}/flows?id={Uri.EscapeDataString(flowId)}");
        if (answer.IsSuccess && answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("ui", out var ui))
        {
            await PageLayout.WriteAsync(context, kind.Heading, html => FlowForms.Write(html, ui));
            return;
        }

        if (answer.Text("use_flow_id") is { } replacement)
        {
            context.Response.Redirect($"/{kind.Name}?flow={Uri.EscapeDataString(replacement)}");
            return;
        }

        if (answer.Text("redirect_browser_to") is { } redirect)
        {
            context.Response.Redirect(redirect);
            return;
        }

        switch (answer.Status, answer.Text("id"))
        {
            case (StatusCodes.Status401Unauthorized, _):
                context.Response.Redirect($"/login?return_to={Uri.EscapeDataString(SelfUrl(context.Request))}");
                return;
            case (StatusCodes.Status404NotFound or StatusCodes.Status410Gone, _) or (StatusCodes.Status403Forbidden, "security_csrf_violation" or "security_identity_mismatch"):
                context.Response.Redirect(InitUrl(context.Request.Query));
                return;
            default:
                await ErrorPage.WriteAsync(context, answer);
                return;
        }
    }

    private string InitUrl(IQueryCollection query)
    {
        var url = $"{api.BaseUrl}/self-service/{kind.Name}/browser";
        foreach (var name in kind.InitParameters)
        {
            var value = query[name].ToString();
            if (value.Length > 0)
            {
                url = QueryHelpers.AddQueryString(url, name, value);
            }
        }

        return url;
    }

    private static string SelfUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.Path}";
}
