using System.Text.Json;

namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>What the public API answered: its status and JSON body (<c>default</c> when the body was not JSON).</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Body">The parsed JSON body.</param>
internal sealed record PublicApiAnswer(int Status, JsonElement Body)
{
    /// <summary>Whether the answer is 2xx.</summary>
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>A string property of the body, or of its <c>error</c> object; null when absent.</summary>
    public string? Text(string name) => Property(Body, name) ?? (Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("error", out var error) ? Property(error, name) : null);

    private static string? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
