using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// A self-service submission (recovery, settings, login) decoded as Kratos's decoderx reads it: the body, JSON or
/// <c>application/x-www-form-urlencoded</c>, merged with the query. Form keys with dots (<c>traits.email</c>) become
/// nested objects; <c>transient_payload</c> and <c>traits</c> keep their JSON. Holds secrets (passwords, codes, CSRF
/// tokens): never log it.
/// </summary>
internal sealed class SelfServiceSubmission
{
    private const string TransientPayloadField = "transient_payload";
    private const string TraitsField = "traits";

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>The payload the client sent for webhooks, echoed on the flow; null when none.</summary>
    public JsonElement? TransientPayload { get; private set; }

    /// <summary>The traits of a profile update; null when none were sent.</summary>
    public JsonElement? Traits { get; private set; }

    /// <summary>A field's text; null when absent. Non-string JSON values are their raw JSON.</summary>
    public string? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;

    /// <summary>The login identifier: <c>identifier</c>, else Kratos's legacy <c>password_identifier</c>.</summary>
    public string? Identifier => Get("identifier") ?? Get("password_identifier");

    /// <summary>The submitted <c>csrf_token</c> body field, else the <c>X-CSRF-Token</c> header; null when neither.</summary>
    public string? CsrfToken(HttpRequest request)
    {
        var field = Get("csrf_token");
        if (!string.IsNullOrEmpty(field))
        {
            return field;
        }

        var header = request.Headers["X-CSRF-Token"].ToString();
        return header.Length > 0 ? header : null;
    }

    /// <summary>
    /// Reads the submission. A POST with a body must be JSON or a form (Kratos's decoder text otherwise); a GET only has
    /// its query. The query values of <paramref name="queryKeys"/> win over the body's.
    /// </summary>
    public static async Task<SelfServiceSubmission> ReadAsync(HttpContext context, OryIdentityHttp http, params string[] queryKeys)
    {
        var submission = new SelfServiceSubmission();
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && (request.ContentLength > 0 || (request.ContentLength is null && OryIdentityHttp.IsChunked(request))))
        {
            OryIdentityHttp.EnsureContentType(request, OryIdentityHttp.JsonContentType, OryIdentityHttp.FormContentType);
            var body = await http.ReadBodyAsync(context).ConfigureAwait(false);
            if (OryIdentityHttp.MediaTypeOf(request.ContentType) == OryIdentityHttp.FormContentType)
            {
                submission.ReadForm(body);
            }
            else if (body.Length > 0)
            {
                submission.ReadJson(body);
            }
        }

        foreach (var key in queryKeys)
        {
            var value = KratosQuery.Get(request.Query, key);
            if (value.Length > 0)
            {
                submission._values[key] = value;
            }
        }

        return submission;
    }

    private void ReadForm(byte[] body)
    {
        JsonObject? traits = null;
        foreach (var (key, values) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
        {
            var value = values.FirstOrDefault() ?? string.Empty;
            if (key == TransientPayloadField)
            {
                if (value.Length > 0)
                {
                    using var document = OryIdentityHttp.ParseJson(OryIdentityJson.ReplaceInvalidUnicode(Encoding.UTF8.GetBytes(value)));
                    TransientPayload = RequireObject(document.RootElement, TransientPayloadField);
                }
            }
            else if (key.StartsWith(TraitsField + ".", StringComparison.Ordinal))
            {
                traits ??= [];
                SetPath(traits, key[(TraitsField.Length + 1)..].Split('.'), value);
            }
            else
            {
                _values[key] = value;
            }
        }

        if (traits is not null)
        {
            using var document = JsonDocument.Parse(OryIdentityJson.SerializeToUtf8Bytes<JsonNode>(traits));
            Traits = document.RootElement.Clone();
        }
    }

    // traits.a.b=v → {"a":{"b":"v"}}; a key that is both a value and a parent keeps the last one written.
    private static void SetPath(JsonObject target, string[] path, string value)
    {
        var node = target;
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (node[path[i]] is not JsonObject child)
            {
                child = [];
                node[path[i]] = child;
            }

            node = child;
        }

        node[path[^1]] = value;
    }

    private void ReadJson(byte[] body)
    {
        using var document = OryIdentityHttp.ParseJson(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw InvalidRequestException.WithMessage("json: cannot unmarshal non-object into the request body");
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            switch (property.Name)
            {
                case TransientPayloadField:
                    TransientPayload = property.Value.ValueKind == JsonValueKind.Null ? null : RequireObject(property.Value, TransientPayloadField);
                    break;
                case TraitsField:
                    Traits = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.Clone();
                    break;
                default:
                    _values[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString() ?? string.Empty,
                        JsonValueKind.Null => string.Empty,
                        _ => property.Value.GetRawText(),
                    };
                    break;
            }
        }
    }

    private static JsonElement RequireObject(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Object ? value.Clone() : throw new InvalidRequestException($"{name} must be an object");
}
