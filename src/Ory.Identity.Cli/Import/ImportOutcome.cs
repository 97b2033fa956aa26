namespace Ory.Identity.Cli.Import;

/// <summary>One item's outcome: the new identity's id when created, Kratos's error when skipped or failed.</summary>
internal sealed record ImportOutcome(string Source, ImportStatus Status, Guid? IdentityId, OryError? Error)
{
    public static ImportOutcome Created(string source, Guid id) => new(source, ImportStatus.Created, id, null);

    public static ImportOutcome Failed(string source, OryError error) => new(source, ImportStatus.Failed, null, error);

    /// <summary>A malformed item: Kratos's 400 with the reader's reason.</summary>
    public static ImportOutcome Malformed(string source, string reason) => Failed(source, new OryError
    {
        Code = 400,
        Status = "Bad Request",
        Message = "The request was malformed or contained invalid parameters",
        Reason = reason,
    });
}
