using System.CommandLine;
using Ory.Identity.Cli.Sources;

namespace Ory.Identity.Cli.Commands;

/// <summary>
/// <c>ory-identity import file &lt;path&gt;|-</c>: Kratos <c>createIdentityBody</c> objects as a JSON array or JSON Lines,
/// from a file or standard input, streamed.
/// </summary>
internal static class ImportFileCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("path") { Description = "A JSON array or JSON Lines file of Kratos createIdentityBody objects; - reads standard input." };
        var arguments = new ImportArguments();
        var command = new Command("file", "Imports identities from a JSON array or JSON Lines file (Kratos's createIdentityBody).");
        command.Arguments.Add(path);
        arguments.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            var file = result.GetValue(path)!;
            return ImportExecution.RunAsync(() => arguments.Read(result), console, () => Open(file, console), cancellationToken);
        });
        return command;
    }

    private static JsonItemSource Open(string file, CliConsole console)
    {
        if (file == "-")
        {
            return new JsonItemSource(console.OpenStandardInput(), null);
        }

        if (!File.Exists(file))
        {
            throw new SourceFormatException($"The file {file} does not exist.");
        }

        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return new JsonItemSource(stream, stream.Length);
    }
}
