namespace Ory.Identity.Cli.Import;

/// <summary>What happened to one item of an import.</summary>
internal enum ImportStatus
{
    Created,
    Skipped,
    Failed,
}
