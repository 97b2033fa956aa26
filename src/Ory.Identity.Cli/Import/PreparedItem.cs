namespace Ory.Identity.Cli.Import;

/// <summary>
/// An item the library's decoder accepted: its source JSON and either the create request decoded from it or, for an
/// exported identity (<see cref="ExportedIdentityJson"/>), the identity to restore as it is.
/// </summary>
internal sealed record PreparedItem(ImportItem Item, CreateIdentityRequest? Request, Identity? Exported = null)
{
    /// <summary>Whether the item carries a cleartext password, which the target hashes (smaller batches).</summary>
    public bool HasCleartextPassword => IdentityBatchLimits.HasCleartextPassword(Request);
}
