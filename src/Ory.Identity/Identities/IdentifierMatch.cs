namespace Ory.Identity;

/// <summary>
/// What looking up a typed identifier (an email, a username) found, for flows that must take as long whether or not it
/// exists: the identity and its matching address, or, for an unknown identifier, a stand-in of the same shape (fresh
/// random ids, the typed value). Such a flow computes everything once, on one code path, over the match; only its
/// effects (a store write, a message) look at <see cref="Known"/>, and each does, for a stand-in, work of the same cost
/// that changes nothing.
/// </summary>
internal sealed record IdentifierMatch
{
    private IdentifierMatch(Guid identityId, Guid addressId, string address, Identity? identity)
    {
        IdentityId = identityId;
        AddressId = addressId;
        Address = address;
        Identity = identity;
    }

    /// <summary>Whether an identity has the identifier; false for a stand-in.</summary>
    public bool Known => Identity is not null;

    /// <summary>The identity's id, or a random one.</summary>
    public Guid IdentityId { get; }

    /// <summary>The matched address's id, or a random one.</summary>
    public Guid AddressId { get; }

    /// <summary>The stored address value, or the typed one.</summary>
    public string Address { get; }

    /// <summary>The identity; null for a stand-in.</summary>
    public Identity? Identity { get; }

    /// <summary>The match of <paramref name="identity"/>'s <paramref name="address"/>; a stand-in for <paramref name="typed"/> when either is null.</summary>
    public static IdentifierMatch Of(Identity? identity, RecoveryAddress? address, string typed) =>
        identity is not null && address is not null
            ? new IdentifierMatch(identity.Id, address.Id, address.Value, identity)
            : new IdentifierMatch(Guid.NewGuid(), Guid.NewGuid(), typed, null);

    /// <summary>Prints whether the identifier is known only: no address.</summary>
    public override string ToString() => $"IdentifierMatch {{ Known = {Known} }}";
}
