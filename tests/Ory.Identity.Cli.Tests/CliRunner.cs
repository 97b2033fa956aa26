using System.Text;

namespace Ory.Identity.Cli.Tests;

/// <summary>Runs the tool's entry point in process and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunWithInputAsync(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, () => new MemoryStream(Encoding.UTF8.GetBytes(stdin)), ErrorIsTerminal: false);
        var exit = await OryIdentityCommandLine.RunAsync(args, console);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);
}

/// <summary>A finished run: exit code, standard output and standard error.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string LastLine => Output.TrimEnd().Split('\n')[^1].TrimEnd('\r');
}
