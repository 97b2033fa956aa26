namespace Ory.Identity.Cli.Import;

/// <summary><c>--on-conflict</c>: what an identity already present (same external id or identifier, Kratos's 409) counts as.</summary>
internal enum ConflictPolicy
{
    Skip,
    Fail,
}
