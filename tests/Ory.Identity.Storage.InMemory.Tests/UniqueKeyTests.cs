namespace Ory.Identity.Storage.InMemory.Tests;

/// <summary>The index keys carry their hash: made from a precomputed hash or not, equal keys must hash and compare alike.</summary>
public sealed class UniqueKeyTests
{
    [Fact]
    public void A_credential_key_from_a_precomputed_hash_equals_one_that_hashes_itself()
    {
        const string identifier = "foo@ory.sh";
        var hashed = new CredentialKey("password", identifier);
        var precomputed = new CredentialKey("password", new string(identifier), StringComparer.Ordinal.GetHashCode(identifier));

        precomputed.Should().Be(hashed);
        precomputed.GetHashCode().Should().Be(hashed.GetHashCode());
    }

    [Fact]
    public void Credential_keys_differ_by_type_even_when_the_types_are_as_long()
    {
        // "password" and "webauthn" have the same length, so the keys share a hash; equality still tells them apart.
        var password = new CredentialKey("password", "foo@ory.sh");
        var webauthn = new CredentialKey("webauthn", "foo@ory.sh");

        password.GetHashCode().Should().Be(webauthn.GetHashCode());
        password.Should().NotBe(webauthn);
        new CredentialKey("password", "Foo@ory.sh").Should().NotBe(password, "identifiers compare ordinally");
    }

    [Fact]
    public void An_address_key_from_a_precomputed_hash_equals_one_that_hashes_itself_and_differs_by_channel()
    {
        const string value = "+4917612345678";
        var hashed = new AddressKey(AddressVia.Sms, value);
        var precomputed = new AddressKey(AddressVia.Sms, new string(value), StringComparer.Ordinal.GetHashCode(value));

        precomputed.Should().Be(hashed);
        precomputed.GetHashCode().Should().Be(hashed.GetHashCode());
        new AddressKey(AddressVia.Email, value).Should().NotBe(hashed);
    }

    [Fact]
    public void Keys_never_print_the_identifier_or_address()
    {
        new CredentialKey("password", "foo@ory.sh").ToString().Should().NotContain("foo");
        new AddressKey(AddressVia.Email, "foo@ory.sh").ToString().Should().NotContain("foo").And.Contain("email");
    }
}
