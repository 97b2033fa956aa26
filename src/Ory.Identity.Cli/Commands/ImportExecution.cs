using Ory.Identity.Cli.Import;
using Ory.Identity.Cli.Sources;
using Ory.Identity.Cli.Targets;

namespace Ory.Identity.Cli.Commands;

/// <summary>
/// Runs an import from any source: opens the target, reads the resume report, moves the items, prints the first
/// failures (source, code and Kratos's message: no item data) on standard error and the summary line on standard
/// output. Exit codes: 0 nothing failed, 2 some items failed, 1 the run could not proceed or was interrupted.
/// </summary>
internal static class ImportExecution
{
    public const int Success = 0;
    public const int CouldNotProceed = 1;
    public const int SomeFailed = 2;

    public static async Task<int> RunAsync(Func<ImportSettings> readSettings, CliConsole console, Func<IImportSource> openSource, CancellationToken cancellationToken)
    {
        ImportSettings settings;
        TargetConnection target;
        IImportSource source;
        ResumeState resume;
        try
        {
            settings = readSettings();
            resume = settings.Resume is { } resumeFrom ? await ResumeState.ReadAsync(resumeFrom, cancellationToken).ConfigureAwait(false) : ResumeState.None;
            source = openSource();
            target = TargetConnection.Open(settings.Target);
        }
        catch (Exception e) when (e is TargetUnavailableException or SourceFormatException or IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return CouldNotProceed;
        }

        await using (target.ConfigureAwait(false))
        {
            if (resume.IsResuming)
            {
                await console.Error.WriteLineAsync($"resuming: {resume.DoneCount} items already done in {settings.Resume}").ConfigureAwait(false);
            }

            var progress = ImportProgress.Create(settings.Progress, console.Error, console.ErrorIsTerminal, () => source.Fraction);
            await using var report = ImportReport.Open(settings.ReportPath);
            var run = new ImportRun(target.Importer, report, resume, settings.Conflicts, progress);
            string? stopped = null;
            try
            {
                await run.RunAsync(source, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TargetUnavailableException or SourceFormatException or IOException)
            {
                stopped = e.Message;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                stopped = settings.ReportPath is null
                    ? "interrupted."
                    : $"interrupted; rerun with --resume {settings.ReportPath} to continue.";
            }
            catch (OryIdentityException e)
            {
                // Refused by the library as a whole (the hashing queue is full, say): Kratos's message, no item data.
                stopped = $"{e.Error.Code} {e.Error.Message}";
            }

            progress.Complete();
            if (stopped is null)
            {
                report.Complete();
            }

            foreach (var failure in run.FirstFailures)
            {
                await console.Error.WriteLineAsync($"{failure.Source}: failed: {failure.Error?.Code} {failure.Error?.Message}").ConfigureAwait(false);
            }

            if (run.Totals.Failed > run.FirstFailures.Count)
            {
                await console.Error.WriteLineAsync($"… and {run.Totals.Failed - run.FirstFailures.Count} more failures" +
                    (settings.ReportPath is null ? " (--report <file> records them all)." : $", all in {settings.ReportPath}.")).ConfigureAwait(false);
            }

            if (stopped is not null)
            {
                await console.Error.WriteLineAsync("error: " + stopped).ConfigureAwait(false);
            }

            await console.Out.WriteLineAsync(run.Totals.Summary(progress.Elapsed)).ConfigureAwait(false);
            return stopped is not null ? CouldNotProceed : run.Totals.Failed > 0 ? SomeFailed : Success;
        }
    }
}
