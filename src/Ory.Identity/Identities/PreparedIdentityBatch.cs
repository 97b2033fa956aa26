namespace Ory.Identity;

/// <summary>
/// A batch of create requests after <see cref="IStagedBatchCreation.PrepareManyAsync"/>: the identities built from the
/// valid items (validated, derived, hashes checked), in request order, and the error of every item refused while building.
/// Nothing of it depends on what is stored, so it can be prepared while an earlier batch is written.
/// </summary>
internal sealed class PreparedIdentityBatch
{
    private readonly BatchCreateItemResult?[] _results;
    private readonly List<int> _indexes;
    private readonly List<Identity> _identities;

    public PreparedIdentityBatch(int count)
    {
        _results = new BatchCreateItemResult?[count];
        _indexes = new List<int>(count);
        _identities = new List<Identity>(count);
    }

    /// <summary>One slot per request: the error of an item refused while building, null for the others.</summary>
    public IReadOnlyList<BatchCreateItemResult?> Results => _results;

    /// <summary>The identities to store, in request order.</summary>
    public IReadOnlyList<Identity> Identities => _identities;

    /// <summary>For each of <see cref="Identities"/>, the index of its request.</summary>
    public IReadOnlyList<int> Indexes => _indexes;

    public void Add(int index, Identity identity)
    {
        _indexes.Add(index);
        _identities.Add(identity);
    }

    public void Refuse(int index, OryError error) =>
        _results[index] = new BatchCreateItemResult { Action = BatchCreateItemResult.ErrorAction, Error = error };
}
