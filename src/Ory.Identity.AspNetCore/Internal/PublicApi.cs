using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>Kratos's public identity-schema endpoints and the self-service recovery API flows (Kratos's selfservice/flow/recovery/handler.go).</summary>
internal sealed class PublicApi(OryIdentityHttp http, RecoveryFlowNotes notes)
{
    private const string StrategyNotFound = "Could not find a strategy to recover your account with. Did you fill out the form correctly?";
    private const string FlowParameterMissing = "The flow query parameter is missing or malformed.";

    public void Map(IEndpointRouteBuilder group)
    {
        foreach (var prefix in new[] { string.Empty, "/admin" })
        {
            group.MapGet($"{prefix}/schemas", http.Handle(ListSchemasAsync));
            group.MapGet($"{prefix}/schemas/{{id}}", http.Handle(GetSchemaAsync));
        }

        group.MapGet("/self-service/recovery/api", http.Handle(CreateApiFlowAsync));
        group.MapGet("/self-service/recovery/flows", http.Handle(GetFlowAsync));
        group.MapMethods("/self-service/recovery", [HttpMethods.Get, HttpMethods.Post], http.Handle(UpdateFlowAsync));
    }

    private static IdentitySchemaRegistry Schemas(HttpContext context) => context.RequestServices.GetRequiredService<IdentitySchemaRegistry>();

    private static ISelfServiceRecovery Recovery(HttpContext context) => context.RequestServices.GetRequiredService<ISelfServiceRecovery>();

    // GET /schemas: [{"id":…,"schema":{…}}] with Kratos's page/per_page paging (default 250, at most 1000).
    private async Task ListSchemasAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var perPage = Math.Clamp(KratosQuery.TryParseLong(KratosQuery.Get(query, "per_page")) ?? 250, 1, 1000);

        // A page past any list (page=9223372036854775807) is kept where page × per_page, and the Link arithmetic, cannot overflow.
        var page = Math.Clamp(KratosQuery.TryParseLong(KratosQuery.Get(query, "page")) ?? 0, 0, int.MaxValue / perPage);
        var all = Schemas(context).Schemas;
        var selected = all.Skip((int)(page * perPage)).Take((int)perPage);

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var schema in selected)
            {
                writer.WriteStartObject();
                writer.WriteString("id", schema.Id);
                writer.WritePropertyName("schema");
                schema.Document.WriteTo(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        var path = context.Request.PathBase.Add(context.Request.Path).Value ?? string.Empty;
        AdminApi.WriteLegacyPaginationHeaders(context.Response, path, KratosQuery.Copy(query), all.Count, page, perPage);
        await OryIdentityHttp.WriteRawJsonAsync(context, StatusCodes.Status200OK, buffer.WrittenMemory).ConfigureAwait(false);
    }

    // GET /schemas/{id}: the schema document; the id may be base64url-encoded, as in schema_url.
    private async Task GetSchemaAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        var schema = Schemas(context).Find(id);
        if (schema is null)
        {
            var shown = id;
            try
            {
                shown = Encoding.UTF8.GetString(Base64UrlTextDecode(id));
            }
            catch (FormatException)
            {
                // Not base64url: Kratos reports the id as given.
            }

            throw new SchemaNotFoundException(shown);
        }

        await OryIdentityHttp.WriteRawJsonAsync(context, StatusCodes.Status200OK, Encoding.UTF8.GetBytes(schema.Document.GetRawText())).ConfigureAwait(false);
    }

    private static byte[] Base64UrlTextDecode(string text)
    {
        if (text.Length % 4 == 1 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new FormatException();
        }

        return WebEncoders.Base64UrlDecode(text);
    }

    private async Task CreateApiFlowAsync(HttpContext context)
    {
        var flow = await Recovery(context).CreateFlowAsync(SelfServiceFlowType.Api, ReturnTo(context.Request.Query), context.RequestAborted).ConfigureAwait(false);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, flow).ConfigureAwait(false);
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

        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, notes.Apply(flow)).ConfigureAwait(false);
    }

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

        if (json)
        {
            await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, redemption.Flow).ConfigureAwait(false);
            return;
        }

        SelfServiceAnswers.SeeOther(context, SelfServiceAnswers.WithFlow(http.Options.SettingsUiUrl ?? http.Ory.SelfService.Flows.Recovery.UiUrl, redemption.Flow.Id));
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

    private static Uri? ReturnTo(IQueryCollection query)
    {
        var text = KratosQuery.Get(query, "return_to");
        if (text.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidRequestException($"Requested return_to URL \"{text}\" is not allowed.");
    }

    /// <summary>Kratos's 404 for an unknown schema id.</summary>
    private sealed class SchemaNotFoundException(string id) : OryIdentityException(
        new OryError { Code = 404, Status = "Not Found", Message = "The requested resource could not be found", Reason = $"Identity schema `{id}` could not be found." },
        "The identity schema does not exist.");

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
                writer.WriteString("expired_at", expiredAt.ToDateTimeUtc().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            return document.RootElement.Clone();
        }
    }
}
