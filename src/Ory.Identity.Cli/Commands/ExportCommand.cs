using System.Diagnostics;
using System.Globalization;
using System.CommandLine;

namespace Ory.Identity.Cli.Commands;

/// <summary>
/// <c>ory-identity export [--output &lt;file&gt;]</c>: every identity of the target with its credentials (the
/// <c>config</c> of every type: hashes byte for byte), one Kratos admin <c>identity</c> JSON per line, in id order.
/// <c>import file</c> reads these lines back into a store keeping ids, timestamps, states, addresses and metadata.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--output", "-o") { Description = "The JSON Lines file written (replaced); standard output when absent.", HelpName = "file" };
        var target = new TargetArguments();
        var command = new Command("export", "Exports every identity with its credentials as JSON Lines, the form import file reads back.") { output };
        target.AddTo(command);
        command.SetAction((result, cancellationToken) => CatalogExecution.RunAsync(() => target.Read(result), console, async catalog =>
        {
            var file = result.GetValue(output);
            var clock = Stopwatch.StartNew();
            long count = 0;
            var stream = file is null ? null : new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
            await using (stream)
            {
                var writer = stream is null ? console.Out : new StreamWriter(stream, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
                await foreach (var identity in catalog.ListAsync(withCredentials: true, cancellationToken).ConfigureAwait(false))
                {
                    await writer.WriteLineAsync(System.Text.Encoding.UTF8.GetString(identity)).ConfigureAwait(false);
                    count++;
                }

                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"exported {count} in {clock.Elapsed.TotalSeconds:0.00} s")).ConfigureAwait(false);
            return ImportExecution.Success;
        }));
        return command;
    }
}
