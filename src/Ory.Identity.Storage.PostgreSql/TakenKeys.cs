namespace Ory.Identity.Storage.PostgreSql;

/// <summary>Unique values known to be held (by stored identities, or by earlier items of a batch); ordinal.</summary>
internal sealed class TakenKeys
{
    public HashSet<(string Type, string Identifier)> Credentials { get; } = [];

    public HashSet<(string Via, string Value)> Verifiable { get; } = [];

    public HashSet<(string Via, string Value)> Recovery { get; } = [];

    public HashSet<string> ExternalIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether one of the batch's ids is already stored (read with the values when asked for).</summary>
    public bool AnyIdStored { get; set; }
}
