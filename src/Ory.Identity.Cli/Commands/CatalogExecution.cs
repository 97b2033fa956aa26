using Ory.Identity.Cli.Targets;

namespace Ory.Identity.Cli.Commands;

/// <summary>
/// Runs a command over a target's identities (<c>export</c>, <c>identities …</c>): opens the target, runs the action,
/// and turns a target that cannot be used into <c>error: …</c> on standard error and exit code 1.
/// </summary>
internal static class CatalogExecution
{
    public static async Task<int> RunAsync(
        Func<TargetOptions> readTarget, CliConsole console, Func<IIdentityCatalog, Task<int>> action)
    {
        try
        {
            var target = TargetConnection.Open(readTarget());
            await using (target.ConfigureAwait(false))
            {
                return await action(target.Catalog).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is TargetUnavailableException or IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ImportExecution.CouldNotProceed;
        }
        catch (OryIdentityException e)
        {
            await console.Error.WriteLineAsync($"error: {e.Error.Code} {e.Error.Message}").ConfigureAwait(false);
            return ImportExecution.CouldNotProceed;
        }
    }
}
