using System.Net;
using System.Text.Json;

namespace Ory.Identity.Cli.Targets;

/// <summary>A Kratos-compatible admin API at a base URL (e.g. <c>http://127.0.0.1:4434/</c>).</summary>
internal sealed class AdminApiClient : IDisposable
{
    private readonly HttpClient _http;

    public AdminApiClient(Uri baseUrl, HttpMessageHandler? handler = null)
    {
        var withSlash = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = withSlash;
        _http.Timeout = TimeSpan.FromMinutes(5);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new TargetUnavailableException($"The admin API at {_http.BaseAddress} cannot be reached: {e.Message}", e);
        }
    }

    /// <summary>Kratos's error from an answer body (<c>{"error":{…}}</c>), or a generic one with the status code.</summary>
    public static OryError ReadError(byte[] body, HttpStatusCode status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                return OryIdentityJson.Deserialize<OryError>(error.GetRawText());
            }
        }
        catch (JsonException)
        {
        }
        catch (OryIdentityException)
        {
        }

        return new OryError { Code = (int)status, Status = status.ToString(), Message = "The admin API answered without an error object." };
    }

    public void Dispose() => _http.Dispose();
}
