namespace Ory.Identity.Storage.InMemory;

/// <summary>A (via, value) key of a unique address index; ordinal equality.</summary>
/// <remarks>The hash is computed once, when the key is made (see <see cref="CredentialKey"/>).</remarks>
internal readonly struct AddressKey : IEquatable<AddressKey>
{
    private readonly int _hash;

    /// <summary>A key whose value is hashed here.</summary>
    public AddressKey(AddressVia via, string value)
        : this(via, value, StringComparer.Ordinal.GetHashCode(value))
    {
    }

    /// <summary>A key from the value's ordinal hash (<see cref="StringComparer.Ordinal"/>), computed by the caller.</summary>
    public AddressKey(AddressVia via, string value, int valueHash)
    {
        Via = via;
        Value = value;
        _hash = HashCode.Combine(valueHash, (int)via);
    }

    /// <summary>The channel.</summary>
    public AddressVia Via { get; }

    /// <summary>The address, as stored.</summary>
    public string Value { get; }

    /// <summary>The channel's wire name (<c>email</c>/<c>sms</c>), the discriminator of an address conflict.</summary>
    public string ViaName => Via switch
    {
        AddressVia.Email => "email",
        AddressVia.Sms => "sms",
        _ => Via.ToString().ToLowerInvariant(),
    };

    /// <inheritdoc />
    public bool Equals(AddressKey other) =>
        _hash == other._hash && Via == other.Via && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AddressKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>Never prints the value: it is personal data.</summary>
    public override string ToString() => $"AddressKey {{ Via = {ViaName} }}";
}
