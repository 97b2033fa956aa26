namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>The pages' one small stylesheet, served at <see cref="Path"/>.</summary>
internal static class Stylesheet
{
    /// <summary>Where the pages link it.</summary>
    public const string Path = "/ui.css";

    private const string Css = """
        :root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1f; background: #f5f5f7; }
        body { margin: 0; }
        header nav { display: flex; gap: 1rem; padding: .75rem 1.5rem; background: #1b1b1f; }
        header nav a { color: #fff; }
        header nav a:first-child { font-weight: 600; margin-right: auto; }
        main { max-width: 32rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border-radius: .5rem; box-shadow: 0 1px 3px #0002; }
        h1 { font-size: 1.5rem; margin-top: 0; }
        form { margin: 1rem 0; }
        fieldset { border: 1px solid #ccc; border-radius: .375rem; padding: 1rem; }
        legend { font-weight: 600; padding: 0 .25rem; }
        .field { margin-bottom: 1rem; }
        label { display: block; font-weight: 500; margin-bottom: .25rem; }
        input:not([type=checkbox]) { box-sizing: border-box; width: 100%; padding: .5rem; font: inherit; border: 1px solid #888; border-radius: .25rem; }
        input[aria-invalid=true] { border-color: #b00020; }
        :focus-visible { outline: 3px solid #3b5bdb; outline-offset: 2px; }
        button, a.button { display: inline-block; padding: .5rem 1rem; font: inherit; color: #fff; background: #3b5bdb; border: 0; border-radius: .25rem; cursor: pointer; text-decoration: none; margin: .25rem .5rem .25rem 0; }
        .message { padding: .5rem .75rem; border-radius: .25rem; margin: .5rem 0; }
        .message.error { color: #b00020; background: #fdecef; }
        .message.info { background: #eef2ff; }
        .message.success { color: #1b5e20; background: #e8f5e9; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        dt { font-weight: 600; }
        dd { margin: 0; overflow-wrap: anywhere; }
        """;

    /// <summary>Answers the stylesheet.</summary>
    public static IResult Serve() => Results.Text(Css, "text/css; charset=utf-8");
}
