namespace Ory.Identity.Storage.InMemory;

/// <summary>A (via, value) key of a unique address index; ordinal equality.</summary>
internal readonly record struct AddressKey(AddressVia Via, string Value)
{
    /// <summary>The channel's wire name (<c>email</c>/<c>sms</c>), the discriminator of an address conflict.</summary>
    public string ViaName => Via switch
    {
        AddressVia.Email => "email",
        AddressVia.Sms => "sms",
        _ => Via.ToString().ToLowerInvariant(),
    };

    /// <summary>Never prints the value: it is personal data.</summary>
    public override string ToString() => $"AddressKey {{ Via = {ViaName} }}";
}
