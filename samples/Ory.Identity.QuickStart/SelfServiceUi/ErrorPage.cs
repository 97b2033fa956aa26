using System.Globalization;
using System.Text.Json;

namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>
/// The error page (<c>selfservice.flows.error.ui_url</c>): <c>/error?id=</c> shows the error the public API stored for
/// a browser (<c>GET /self-service/errors?id=</c>); other pages show an error answer inline. Only the error's
/// <c>code</c>, <c>status</c>, <c>id</c>, <c>message</c> and <c>reason</c> are shown, never details or a stack.
/// </summary>
internal static class ErrorPage
{
    private const string Heading = "Something went wrong";

    /// <summary>Serves <c>/error?id=</c>.</summary>
    public static async Task HandleAsync(HttpContext context, PublicApiClient api)
    {
        var id = context.Request.Query["id"].ToString();
        if (id.Length == 0)
        {
            await WriteAsync(context, null);
            return;
        }

        var answer = await api.GetAsync(context, $"/self-service/errors?id={Uri.EscapeDataString(id)}");
        await WriteAsync(context, answer.IsSuccess ? answer : null, StatusCodes.Status200OK);
    }

    /// <summary>Shows the <c>error</c> object of <paramref name="answer"/>; a generic text when there is none.</summary>
    public static Task WriteAsync(HttpContext context, PublicApiAnswer? answer, int? status = null)
    {
        var error = answer is not null && answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object
            ? e
            : default;
        return PageLayout.WriteAsync(
            context,
            Heading,
            html =>
            {
                html.Raw("<div role=\"alert\" class=\"message error\">\n<p data-testid=\"ui/error/message\">")
                    .Text(Field(error, "message") ?? "The error could not be found. It may have expired; please start again.")
                    .Raw("</p>\n");
                if (Field(error, "reason") is { } reason)
                {
                    html.Raw("<p data-testid=\"ui/error/reason\">").Text(reason).Raw("</p>\n");
                }

                html.Raw("</div>\n<dl>\n");
                foreach (var (name, label) in new[] { ("code", "Code"), ("status", "Status"), ("id", "Error id") })
                {
                    if (Field(error, name) is { } value)
                    {
                        html.Raw("<dt>").Text(label).Raw("</dt><dd").Attribute("data-testid", "ui/error/" + name).Raw(">").Text(value).Raw("</dd>\n");
                    }
                }

                html.Raw("</dl>\n<p><a class=\"button\" href=\"/welcome\">Back to the start</a></p>\n");
            },
            status ?? (answer is { Status: >= 400 } ? answer.Status : StatusCodes.Status502BadGateway));
    }

    private static string? Field(JsonElement error, string name) =>
        error.ValueKind == JsonValueKind.Object && error.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetInt64().ToString(CultureInfo.InvariantCulture),
                _ => null,
            }
            : null;
}
