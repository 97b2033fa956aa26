namespace Ory.Identity.Storage.InMemory;

/// <summary>A (credential type, identifier) key of the unique credential index; ordinal equality.</summary>
/// <remarks>
/// The hash is computed once, when the key is made: the index would otherwise hash the identifier on every probe and
/// again when it stores the key. It comes from the identifier's randomized ordinal hash (so crafted identifiers cannot
/// be made to collide) and the type's length; two types of the same length only share a probe chain.
/// </remarks>
internal readonly struct CredentialKey : IEquatable<CredentialKey>
{
    private readonly int _hash;

    /// <summary>A key whose identifier is hashed here.</summary>
    public CredentialKey(string type, string identifier)
        : this(type, identifier, StringComparer.Ordinal.GetHashCode(identifier))
    {
    }

    /// <summary>A key from the identifier's ordinal hash (<see cref="StringComparer.Ordinal"/>), computed by the caller.</summary>
    public CredentialKey(string type, string identifier, int identifierHash)
    {
        Type = type;
        Identifier = identifier;
        _hash = HashCode.Combine(identifierHash, type.Length);
    }

    /// <summary>The credential type's wire name.</summary>
    public string Type { get; }

    /// <summary>The identifier, as stored.</summary>
    public string Identifier { get; }

    /// <inheritdoc />
    public bool Equals(CredentialKey other) =>
        _hash == other._hash
        && string.Equals(Identifier, other.Identifier, StringComparison.Ordinal)
        && string.Equals(Type, other.Type, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CredentialKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>Never prints the identifier: it is personal data.</summary>
    public override string ToString() => $"CredentialKey {{ Type = {Type} }}";
}
