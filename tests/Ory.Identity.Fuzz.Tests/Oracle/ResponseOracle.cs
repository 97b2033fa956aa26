using System.Text.Json;
using Ory.Identity.Fuzz.Tests.Http;
using Ory.Identity.Fuzz.Tests.Server;

namespace Ory.Identity.Fuzz.Tests.Oracle;

/// <summary>
/// Judges one answer: never 5xx, and every error is Kratos's JSON error — <c>{"error":{"code":int,"status":string,
/// "message":string,…}}</c> with <c>code</c> equal to the HTTP status (ory/herodot's error body). The one exemption is
/// an answer Kestrel gave on its own, before any middleware ran (a malformed request line or Host header, headers over
/// its limits, an HTTP version it does not speak): it cannot carry a body, so it must be an empty one with <c>Connection: close</c> and without the
/// <see cref="AppMarker"/>.
/// </summary>
public static class ResponseOracle
{
    /// <summary>The failure this answer shows, or null when it is acceptable.</summary>
    public static (FailureKind Kind, string Detail)? Judge(FuzzRequest request, RawResponse? response)
    {
        if (response is null)
        {
            return (FailureKind.NoAnswer, "no answer (the connection closed without one, or timed out)");
        }

        if (IsKestrelRefusal(response))
        {
            return null;
        }

        if (response.Status >= 500)
        {
            return (FailureKind.ServerError, $"answered {response.Status}");
        }

        if (response.Status < 400 || request.Method == "HEAD")
        {
            return null;
        }

        if (IsSelfServiceFlowWithMessages(request, response))
        {
            return null;
        }

        var problem = KratosErrorProblem(response);
        return problem is null ? null : (FailureKind.NotKratosError, $"answered {response.Status}: {problem}");
    }

    /// <summary>
    /// Kestrel's own refusal: a 4xx or 505 (an HTTP version it does not speak) without the application marker, with an
    /// empty body, and the connection closed.
    /// </summary>
    public static bool IsKestrelRefusal(RawResponse response) =>
        response.Status is (>= 400 and < 500) or 505
        && response.Header(AppMarker.HeaderName) is null
        && response.Body.Length == 0
        && response.Header("Content-Length") is null or "0"
        && (response.Header("Connection")?.Contains("close", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>
    /// Kratos answers a self-service form it refuses (an invalid address, a wrong code) with 400 and the flow itself,
    /// its <c>ui</c> carrying the messages (selfservice/flow/recovery/error.go), not with an error body.
    /// </summary>
    private static bool IsSelfServiceFlowWithMessages(FuzzRequest request, RawResponse response)
    {
        if (response.Status != 400 || !request.Route.StartsWith("/self-service/", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && root.TryGetProperty("ui", out var ui) && ui.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? KratosErrorProblem(RawResponse response)
    {
        if (response.Body.Length == 0)
        {
            return "empty body" + (response.Header(AppMarker.HeaderName) is null ? " (not from the application, but the connection stays open)" : " from the application");
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return "no \"error\" object";
            }

            if (!error.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number || !code.TryGetInt32(out var value))
            {
                return "error.code is not an integer";
            }

            if (value != response.Status)
            {
                return $"error.code is {value}";
            }

            if (!error.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String)
            {
                return "error.status is not a string";
            }

            return !error.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String
                ? "error.message is not a string"
                : null;
        }
        catch (JsonException)
        {
            return $"the body is not JSON (Content-Type: {response.Header("Content-Type") ?? "none"})";
        }
    }
}
