using System.CommandLine;
using Ory.Identity.Cli.Commands;

namespace Ory.Identity.Cli;

/// <summary>The <c>ory-identity</c> command tree.</summary>
internal static class OryIdentityCommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs the command; returns the process's exit code.</summary>
    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var import = new Command("import", "Imports identities into Ory.Identity's stores or a Kratos-compatible admin API.")
        {
            ImportFileCommand.Create(console),
            ImportAspNetIdentityCommand.Create(console),
            ImportKratosCommand.Create(console),
        };
        var root = new RootCommand("ory-identity: imports, exports, lists and deletes identities of Ory.Identity (Kratos-compatible) stores and admin APIs.")
        {
            import,
            ExportCommand.Create(console),
            IdentitiesCommand.Create(console),
        };
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}
