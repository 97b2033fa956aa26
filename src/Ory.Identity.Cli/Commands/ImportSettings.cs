using Ory.Identity.Cli.Import;
using Ory.Identity.Cli.Targets;

namespace Ory.Identity.Cli.Commands;

/// <summary>The parsed options of an <c>import</c> command.</summary>
internal sealed record ImportSettings(TargetOptions Target, ProgressMode Progress, string? Report, string? Resume, ConflictPolicy Conflicts)
{
    /// <summary>The report written to: <c>--report</c>, else the <c>--resume</c> report, appended.</summary>
    public string? ReportPath => Report ?? Resume;
}
