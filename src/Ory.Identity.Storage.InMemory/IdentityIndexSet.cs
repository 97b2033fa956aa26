namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// The unique indexes of <see cref="InMemoryIdentityStore"/>: ids, credential identifiers, verifiable addresses,
/// recovery addresses and external ids, each pointing at the <see cref="StoredIdentity"/> that holds the value.
/// </summary>
/// <remarks>
/// <para>
/// Writes happen under the store's write lock; reads are lock-free. A reader may find a value whose identity is not
/// published yet or no longer holds it, so the store checks every hit against the identity's current record.
/// </para>
/// <para>
/// The operations a store needs are named here: <see cref="TryClaim"/> an insert's values (all or none),
/// <see cref="FindConflict"/> before an update, <see cref="ClaimAdded"/> and <see cref="ReleaseDropped"/> around
/// publishing the update, <see cref="Release"/> on delete. This is the seam behind which the fast index
/// (<see cref="UniqueIndex{TKey}"/>) sits; a store author can read it with a dictionary per index in mind.
/// </para>
/// </remarks>
internal sealed class IdentityIndexSet
{
    private readonly UniqueIndex<Guid> _ids = new();
    private readonly UniqueIndex<CredentialKey> _credentials = new();
    private readonly UniqueIndex<AddressKey> _verifiable = new();
    private readonly UniqueIndex<AddressKey> _recovery = new();
    private readonly UniqueIndex<string> _externalIds = new();

    // The credential types ever indexed, copy-on-write: read lock-free and without allocating on every lookup.
    private string[] _credentialTypes = [];

    /// <summary>Every credential type that has held an identifier (a superset of those held now). Lock-free.</summary>
    public string[] CredentialTypes => Volatile.Read(ref _credentialTypes);

    /// <summary>The identity stored under <paramref name="id"/>, published or not. Lock-free.</summary>
    public StoredIdentity? FindId(Guid id) => _ids.Find(id);

    /// <summary>The identity holding the credential identifier. Lock-free.</summary>
    public StoredIdentity? FindCredential(CredentialKey key) => _credentials.Find(key);

    /// <summary>The identity holding the address as a <paramref name="kind"/> address. Lock-free.</summary>
    public StoredIdentity? FindAddress(AddressKind kind, AddressKey key) => AddressesOf(kind).Find(key);

    /// <summary>The identity holding the external id. Lock-free.</summary>
    public StoredIdentity? FindExternalId(string externalId) => _externalIds.Find(externalId);

    /// <summary>Removes <paramref name="id"/> and returns the identity stored under it, or null.</summary>
    public StoredIdentity? RemoveId(Guid id) => _ids.Remove(id);

    /// <summary>
    /// Claims <paramref name="stored"/>'s id and every value of <paramref name="keys"/> for it, or none: on the first
    /// value held by another identity every claim made is released and that value is returned as a conflict.
    /// </summary>
    /// <returns>Null when every value was claimed.</returns>
    /// <exception cref="InvalidOperationException">The id is stored already (nothing was claimed).</exception>
    public IdentityConflict? TryClaim(StoredIdentity stored, IdentityKeys keys)
    {
        if (!_ids.TryClaim(stored.Id, stored))
        {
            throw DuplicateId();
        }

        // Each kind is claimed only once every value before it was: the counts say how far the claims got.
        var credentials = ClaimInOrder(_credentials, keys.Credentials, stored);
        var claimed = credentials == keys.Credentials.Length;
        var verifiable = claimed ? ClaimInOrder(_verifiable, keys.Verifiable, stored) : 0;
        claimed = claimed && verifiable == keys.Verifiable.Length;
        var recovery = claimed ? ClaimInOrder(_recovery, keys.Recovery, stored) : 0;
        claimed = claimed && recovery == keys.Recovery.Length;
        if (claimed && (keys.ExternalId is null || _externalIds.TryClaim(keys.ExternalId, stored)))
        {
            RememberTypes(keys);
            return null;
        }

        _ids.Release(stored.Id, stored);
        ReleaseFirst(_credentials, keys.Credentials, credentials, stored);
        ReleaseFirst(_verifiable, keys.Verifiable, verifiable, stored);
        ReleaseFirst(_recovery, keys.Recovery, recovery, stored);
        if (credentials < keys.Credentials.Length)
        {
            return CredentialConflict(keys.Credentials[credentials]);
        }

        if (verifiable < keys.Verifiable.Length)
        {
            return AddressConflict(IdentityConflictKind.VerifiableAddress, keys.Verifiable[verifiable]);
        }

        return recovery < keys.Recovery.Length
            ? AddressConflict(IdentityConflictKind.RecoveryAddress, keys.Recovery[recovery])
            : new IdentityConflict(IdentityConflictKind.ExternalId, null, keys.ExternalId!);
    }

    /// <summary>The first value of <paramref name="keys"/> held by an identity other than <paramref name="owner"/>, or null.</summary>
    public IdentityConflict? FindConflict(IdentityKeys keys, StoredIdentity owner)
    {
        foreach (var key in keys.Credentials)
        {
            if (IsHeldByOther(_credentials, key, owner))
            {
                return CredentialConflict(key);
            }
        }

        foreach (var key in keys.Verifiable)
        {
            if (IsHeldByOther(_verifiable, key, owner))
            {
                return AddressConflict(IdentityConflictKind.VerifiableAddress, key);
            }
        }

        foreach (var key in keys.Recovery)
        {
            if (IsHeldByOther(_recovery, key, owner))
            {
                return AddressConflict(IdentityConflictKind.RecoveryAddress, key);
            }
        }

        return keys.ExternalId is not null && IsHeldByOther(_externalIds, keys.ExternalId, owner)
            ? new IdentityConflict(IdentityConflictKind.ExternalId, null, keys.ExternalId)
            : null;
    }

    /// <summary>
    /// The first half of an update, after <see cref="FindConflict"/> found none: points the values of
    /// <paramref name="next"/> that <paramref name="previous"/> lacks at <paramref name="stored"/>.
    /// </summary>
    public void ClaimAdded(IdentityKeys previous, IdentityKeys next, StoredIdentity stored)
    {
        PointAdded(_credentials, previous.Credentials, next.Credentials, stored);
        PointAdded(_verifiable, previous.Verifiable, next.Verifiable, stored);
        PointAdded(_recovery, previous.Recovery, next.Recovery, stored);
        if (next.ExternalId is not null)
        {
            _externalIds.Point(next.ExternalId, stored);
        }

        RememberTypes(next);
    }

    /// <summary>
    /// The second half of an update, once the new record is published: releases the values of
    /// <paramref name="previous"/> that <paramref name="next"/> no longer has.
    /// </summary>
    public void ReleaseDropped(IdentityKeys previous, IdentityKeys next, StoredIdentity stored)
    {
        ReleaseMissing(_credentials, previous.Credentials, next.Credentials, stored);
        ReleaseMissing(_verifiable, previous.Verifiable, next.Verifiable, stored);
        ReleaseMissing(_recovery, previous.Recovery, next.Recovery, stored);
        if (previous.ExternalId is not null && !string.Equals(previous.ExternalId, next.ExternalId, StringComparison.Ordinal))
        {
            _externalIds.Release(previous.ExternalId, stored);
        }
    }

    /// <summary>Releases every value of <paramref name="keys"/> that <paramref name="stored"/> holds (a delete; the id is removed separately).</summary>
    public void Release(IdentityKeys keys, StoredIdentity stored)
    {
        ReleaseFirst(_credentials, keys.Credentials, keys.Credentials.Length, stored);
        ReleaseFirst(_verifiable, keys.Verifiable, keys.Verifiable.Length, stored);
        ReleaseFirst(_recovery, keys.Recovery, keys.Recovery.Length, stored);
        if (keys.ExternalId is not null)
        {
            _externalIds.Release(keys.ExternalId, stored);
        }
    }

    /// <summary>The error for an id that is stored already: ids come from the manager, so this is a programmer error.</summary>
    public static InvalidOperationException DuplicateId() =>
        new("An identity with this id is already stored; ids are generated by the manager and never reused.");

    private UniqueIndex<AddressKey> AddressesOf(AddressKind kind) => kind switch
    {
        AddressKind.Verifiable => _verifiable,
        AddressKind.Recovery => _recovery,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // Claims the keys in order up to the first one already held; returns how many it claimed.
    private static int ClaimInOrder<TKey>(UniqueIndex<TKey> index, ReadOnlySpan<TKey> keys, StoredIdentity stored)
        where TKey : notnull
    {
        var claimed = 0;
        while (claimed < keys.Length && index.TryClaim(keys[claimed], stored))
        {
            claimed++;
        }

        return claimed;
    }

    private static void ReleaseFirst<TKey>(UniqueIndex<TKey> index, ReadOnlySpan<TKey> keys, int count, StoredIdentity stored)
        where TKey : notnull
    {
        for (var i = 0; i < count; i++)
        {
            index.Release(keys[i], stored);
        }
    }

    private static void PointAdded<TKey>(UniqueIndex<TKey> index, ReadOnlySpan<TKey> previous, ReadOnlySpan<TKey> next, StoredIdentity stored)
        where TKey : IEquatable<TKey>
    {
        foreach (var key in next)
        {
            if (!previous.Contains(key))
            {
                index.Point(key, stored);
            }
        }
    }

    private static void ReleaseMissing<TKey>(UniqueIndex<TKey> index, ReadOnlySpan<TKey> previous, ReadOnlySpan<TKey> next, StoredIdentity stored)
        where TKey : IEquatable<TKey>
    {
        foreach (var key in previous)
        {
            if (!next.Contains(key))
            {
                index.Release(key, stored);
            }
        }
    }

    private static bool IsHeldByOther<TKey>(UniqueIndex<TKey> index, TKey key, StoredIdentity owner)
        where TKey : notnull =>
        index.Find(key) is { } holder && holder != owner;

    private static IdentityConflict CredentialConflict(CredentialKey key) =>
        new(IdentityConflictKind.CredentialsIdentifier, key.Type, key.Identifier);

    private static IdentityConflict AddressConflict(IdentityConflictKind kind, AddressKey key) => new(kind, key.ViaName, key.Value);

    private void RememberTypes(IdentityKeys keys)
    {
        foreach (var key in keys.Credentials)
        {
            var types = _credentialTypes;
            if (Array.IndexOf(types, key.Type) < 0)
            {
                Volatile.Write(ref _credentialTypes, [.. types, key.Type]);
            }
        }
    }
}
