namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>The frame of every page: language, title, stylesheet, navigation and the main landmark.</summary>
internal static class PageLayout
{
    private const string SiteName = "Ory.Identity QuickStart";

    /// <summary>Writes a whole page: <paramref name="heading"/> is the page's title and its one <c>h1</c>.</summary>
    public static Task WriteAsync(HttpContext context, string heading, Action<Html> main, int status = StatusCodes.Status200OK)
    {
        var html = new Html()
            .Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Raw("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Raw("<title>").Text(heading).Raw(" · ").Text(SiteName).Raw("</title>\n")
            .Raw("<link rel=\"stylesheet\" href=\"").Raw(Stylesheet.Path).Raw("\">\n</head>\n<body>\n")
            .Raw("<header><nav aria-label=\"Account\"><a href=\"/welcome\">").Text(SiteName).Raw("</a> ")
            .Raw("<a href=\"/settings\">Settings</a> <a href=\"/login\">Sign in</a> <a href=\"/recovery\">Recover account</a></nav></header>\n")
            .Raw("<main>\n<h1>").Text(heading).Raw("</h1>\n");
        main(html);
        html.Raw("</main>\n</body>\n</html>\n");

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action *; frame-ancestors 'none'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Response.WriteAsync(html.ToString(), context.RequestAborted);
    }
}
