using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using NodaTime;
using NodaTime.Text;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// How Kratos's self-service endpoints answer (selfservice/flow/error.go, x/redir, herodot): redirects to a flow UI,
/// flows with <c>continue_with</c>, and the error bodies that carry more than <c>error</c> — 410
/// <c>self_service_flow_expired</c> with <c>use_flow_id</c>, 422 <c>browser_location_change_required</c> and 403
/// <c>session_refresh_required</c> with <c>redirect_browser_to</c>.
/// </summary>
internal static class SelfServiceAnswers
{
    /// <summary><paramref name="url"/> with <c>flow=&lt;id&gt;</c> added to its query, as Kratos links a flow UI.</summary>
    public static string WithFlow(string url, Guid flowId) => WithQuery(url, "flow", flowId.ToString());

    /// <summary><paramref name="url"/> with one more query parameter, its value escaped.</summary>
    public static string WithQuery(string url, string name, string value) =>
        $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{name}={Uri.EscapeDataString(value)}";

    /// <summary>A 303 See Other to <paramref name="location"/> (Kratos's browser answer).</summary>
    public static void SeeOther(HttpContext context, string location) => Redirect(context, StatusCodes.Status303SeeOther, location);

    /// <summary>A 302 Found to <paramref name="location"/> (Kratos's <c>http.Redirect(…, StatusFound)</c>).</summary>
    public static void Found(HttpContext context, string location) => Redirect(context, StatusCodes.Status302Found, location);

    private static void Redirect(HttpContext context, int status, string location)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
    }

    /// <summary>
    /// Writes a flow with <c>continue_with</c> set to <paramref name="continueWith"/> (Kratos adds the items it produced
    /// while completing the flow). The flow must serialize to a JSON object.
    /// </summary>
    public static Task WriteFlowAsync<TFlow, TItem>(HttpContext context, int status, TFlow flow, IReadOnlyList<TItem> continueWith)
    {
        var node = JsonNode.Parse(OryIdentityJson.SerializeToUtf8Bytes(flow))!.AsObject();
        node["continue_with"] = new JsonArray([.. continueWith.Select(item => JsonNode.Parse(OryIdentityJson.SerializeToUtf8Bytes(item)))]);
        return OryIdentityHttp.WriteJsonAsync<JsonNode>(context, status, node);
    }

    /// <summary>
    /// 410 for a submission to an expired flow: the error, <c>expired_at</c>, <c>since</c> (Go's duration, in
    /// nanoseconds) and <c>use_flow_id</c>, the new flow that carries the "expired" message.
    /// </summary>
    public static Task WriteFlowExpiredAsync(HttpContext context, Instant expiredAt, Duration since, Guid newFlowId)
    {
        var error = new OryError
        {
            Code = StatusCodes.Status410Gone,
            Status = "Gone",
            Id = "self_service_flow_expired",
            Message = "self-service flow expired",
            Reason = $"The self-service flow expired {FormatMinutes(since)} minutes ago, initialize a new one.",
        };
        return WriteErrorAsync(context, error, new JsonObject
        {
            ["expired_at"] = Format(expiredAt),
            ["since"] = (long)since.TotalNanoseconds,
            ["use_flow_id"] = newFlowId.ToString(),
        });
    }

    /// <summary>
    /// 422 <c>browser_location_change_required</c>: a JSON client must send the browser to <paramref name="url"/>
    /// (x/redir; Kratos answers it where a browser would have been redirected).
    /// </summary>
    public static Task WriteBrowserLocationChangeRequiredAsync(HttpContext context, string url) =>
        WriteErrorAsync(context, BrowserLocationChangeRequired(url), new JsonObject { ["redirect_browser_to"] = url });

    /// <summary>Kratos's 422 <c>browser_location_change_required</c> error object.</summary>
    public static OryError BrowserLocationChangeRequired(string url) => new()
    {
        Code = StatusCodes.Status422UnprocessableEntity,
        Status = "Unprocessable Entity",
        Id = "browser_location_change_required",
        Message = "browser location change required",
        Reason = $"In order to complete this flow please redirect the browser to: {url}",
    };

    /// <summary>
    /// Writes <c>{"error":{…}, …extra}</c>: Kratos's error body with the top-level fields some errors add
    /// (<c>redirect_browser_to</c>, <c>use_flow_id</c>). Does nothing when the response already started.
    /// </summary>
    public static Task WriteErrorAsync(HttpContext context, OryError error, JsonObject extra)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.Clear();
        var body = new JsonObject { ["error"] = JsonNode.Parse(OryIdentityJson.SerializeToUtf8Bytes(error)) };
        foreach (var (name, value) in extra)
        {
            body[name] = value?.DeepClone();
        }

        return OryIdentityHttp.WriteJsonAsync<JsonNode>(context, error.Code, body);
    }

    /// <summary>An instant as Kratos writes it (RFC 3339, UTC, fractional zeros trimmed).</summary>
    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>Minutes with two decimals, as Kratos prints <c>%.2f</c>.</summary>
    public static string FormatMinutes(Duration duration) =>
        duration.TotalMinutes.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
