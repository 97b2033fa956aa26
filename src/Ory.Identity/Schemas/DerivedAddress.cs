namespace Ory.Identity;

/// <summary>An address derived from a trait by the <c>ory.sh/kratos</c> extension: normalized value and channel.</summary>
/// <param name="Via">The channel.</param>
/// <param name="Value">The normalized value (lower-cased email or E.164 phone).</param>
internal readonly record struct DerivedAddress(AddressVia Via, string Value)
{
    public override string ToString() => $"DerivedAddress {{ Via = {Via} }}";
}
