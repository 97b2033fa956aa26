using System.CommandLine;
using Ory.Identity.Cli.Sources;
using Ory.Identity.Cli.Targets;

namespace Ory.Identity.Cli.Commands;

/// <summary>
/// <c>ory-identity import kratos --source-endpoint &lt;admin base URL&gt;</c>: copies every identity of a running Kratos
/// into the library's stores, keeping ids, timestamps, states, addresses, metadata and credential hashes byte for byte
/// (<see cref="IdentityRestorer"/>). Progress, report, resume and conflicts as for the other importers.
/// </summary>
internal static class ImportKratosCommand
{
    public static Command Create(CliConsole console)
    {
        var sourceEndpoint = new Option<string>("--source-endpoint") { Description = "The admin base URL of the Kratos to copy from (e.g. http://127.0.0.1:4434/).", HelpName = "admin base URL", Required = true };
        var arguments = new ImportArguments();
        var command = new Command("kratos", "Copies every identity of a running Kratos (admin API), keeping ids, states, addresses, metadata and hashes.") { sourceEndpoint };
        arguments.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            AdminApiClient? client = null;
            try
            {
                return await ImportExecution.RunAsync(() => arguments.Read(result), console, () =>
                {
                    client = new AdminApiClient(TargetArguments.ParseEndpoint(result.GetValue(sourceEndpoint)!, "--source-endpoint"));
                    return new KratosAdminSource(new AdminApiIdentities(client));
                }, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                client?.Dispose();
            }
        });
        return command;
    }
}
