using System.CommandLine;
using System.Text;

namespace Ory.Identity.Cli.Commands;

/// <summary>
/// <c>ory-identity identities list | get &lt;id&gt; | delete &lt;id&gt;</c>: quick looks at a target's identities, as Kratos's
/// admin API returns them (<c>GET /admin/identities</c>, a JSON array; <c>GET /admin/identities/{id}</c>) or, with
/// <c>--format table</c>, as Kratos's CLI prints them. Credentials come without their config (no hashes). Exit code 1
/// when the identity does not exist or the target cannot be used.
/// </summary>
internal static class IdentitiesCommand
{
    public static Command Create(CliConsole console) => new("identities", "Lists, shows and deletes identities of a store or an admin API.")
    {
        List(console),
        Get(console),
        Delete(console),
    };

    private static Command List(CliConsole console)
    {
        var format = FormatOption();
        var target = new TargetArguments();
        var command = new Command("list", "Lists every identity (a JSON array, as GET /admin/identities, or a table).") { format };
        target.AddTo(command);
        command.SetAction((result, cancellationToken) => CatalogExecution.RunAsync(() => target.Read(result), console, async catalog =>
        {
            var table = result.GetValue(format) == "table";
            var identities = new List<Identity>();
            var first = true;
            await foreach (var json in catalog.ListAsync(withCredentials: false, cancellationToken).ConfigureAwait(false))
            {
                if (table)
                {
                    identities.Add(OryIdentityJson.Deserialize<Identity>(json));
                    continue;
                }

                await console.Out.WriteAsync((first ? "[\n" : ",\n") + Encoding.UTF8.GetString(json)).ConfigureAwait(false);
                first = false;
            }

            await console.Out.WriteAsync(table ? IdentityTable.Format(identities) : first ? "[]\n" : "\n]\n").ConfigureAwait(false);
            return ImportExecution.Success;
        }));
        return command;
    }

    private static Command Get(CliConsole console)
    {
        var id = new Argument<Guid>("id") { Description = "The identity's id." };
        var format = FormatOption();
        var target = new TargetArguments();
        var command = new Command("get", "Shows one identity (as GET /admin/identities/{id}, or a table).") { id, format };
        target.AddTo(command);
        command.SetAction((result, cancellationToken) => CatalogExecution.RunAsync(() => target.Read(result), console, async catalog =>
        {
            if (await catalog.GetAsync(result.GetValue(id), cancellationToken).ConfigureAwait(false) is not { } json)
            {
                return await NotFoundAsync(console).ConfigureAwait(false);
            }

            await console.Out.WriteAsync(result.GetValue(format) == "table"
                ? IdentityTable.Format([OryIdentityJson.Deserialize<Identity>(json)])
                : Encoding.UTF8.GetString(json) + "\n").ConfigureAwait(false);
            return ImportExecution.Success;
        }));
        return command;
    }

    private static Command Delete(CliConsole console)
    {
        var id = new Argument<Guid>("id") { Description = "The identity's id." };
        var target = new TargetArguments();
        var command = new Command("delete", "Deletes one identity with its credentials, addresses and sessions; prints its id.") { id };
        target.AddTo(command);
        command.SetAction((result, cancellationToken) => CatalogExecution.RunAsync(() => target.Read(result), console, async catalog =>
        {
            var which = result.GetValue(id);
            if (!await catalog.DeleteAsync(which, cancellationToken).ConfigureAwait(false))
            {
                return await NotFoundAsync(console).ConfigureAwait(false);
            }

            await console.Out.WriteLineAsync(which.ToString("D")).ConfigureAwait(false);
            return ImportExecution.Success;
        }));
        return command;
    }

    private static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "json: Kratos's admin JSON; table: Kratos's CLI columns.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");
        return format;
    }

    private static async Task<int> NotFoundAsync(CliConsole console)
    {
        var error = new IdentityNotFoundException().Error;
        await console.Error.WriteLineAsync($"error: {error.Code} {error.Message}").ConfigureAwait(false);
        return ImportExecution.CouldNotProceed;
    }
}
