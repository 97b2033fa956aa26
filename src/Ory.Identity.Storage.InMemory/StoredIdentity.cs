namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// One stored identity: the slot every index points at. <see cref="Current"/> is swapped on update and cleared on delete,
/// so an index lookup reaches the latest record in one hop. Its unique values are not kept: the store derives them from
/// <see cref="Current"/> under its write lock when it needs them (on update and delete), which saves memory per identity.
/// </summary>
internal sealed class StoredIdentity
{
    private Identity? _current;

    /// <summary>A slot without a record yet: readers reaching it find no identity until <see cref="Current"/> is set.</summary>
    public StoredIdentity(Guid id)
    {
        Id = id;
    }

    public Guid Id { get; }

    /// <summary>The latest record; null before it is published and once deleted. Read lock-free; written under the store's write lock.</summary>
    public Identity? Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }
}
