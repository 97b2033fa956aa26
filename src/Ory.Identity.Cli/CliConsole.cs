namespace Ory.Identity.Cli;

/// <summary>The streams a run talks to: the process's console, or writers a test reads.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenStandardInput, bool ErrorIsTerminal)
{
    public static CliConsole System { get; } = new(
        Console.Out, Console.Error, Console.OpenStandardInput, !Console.IsErrorRedirected);
}
