using System.CommandLine;
using Ory.Identity.Cli.Import;

namespace Ory.Identity.Cli.Commands;

/// <summary>The options every <c>import</c> command shares: progress, report, resume, conflicts.</summary>
internal sealed class ImportArguments
{
    private readonly Option<string> _progress = new("--progress") { Description = "auto: a bar on a terminal, plain lines when redirected; plain; none.", DefaultValueFactory = _ => "auto" };
    private readonly Option<string> _report = new("--report") { Description = "Appends each item's outcome as a JSON line (created, skipped, failed with Kratos's error).", HelpName = "file.jsonl" };
    private readonly Option<string> _resume = new("--resume") { Description = "Continues the run that wrote this report: passes over items it created or skipped and appends to it.", HelpName = "report.jsonl" };
    private readonly Option<string> _onConflict = new("--on-conflict") { Description = "An identity already present (same external id or identifier): skip or fail.", DefaultValueFactory = _ => "skip" };

    public ImportArguments()
    {
        _progress.AcceptOnlyFromAmong("auto", "plain", "none");
        _onConflict.AcceptOnlyFromAmong("skip", "fail");
    }

    public TargetArguments Target { get; } = new();

    public void AddTo(Command command)
    {
        Target.AddTo(command);
        command.Options.Add(_progress);
        command.Options.Add(_report);
        command.Options.Add(_resume);
        command.Options.Add(_onConflict);
    }

    public ImportSettings Read(ParseResult result) => new(
        Target.Read(result),
        result.GetValue(_progress) switch { "plain" => ProgressMode.Plain, "none" => ProgressMode.None, _ => ProgressMode.Auto },
        result.GetValue(_report),
        result.GetValue(_resume),
        result.GetValue(_onConflict) == "fail" ? ConflictPolicy.Fail : ConflictPolicy.Skip);
}
