namespace Ory.Identity.Tests.Schemas;

/// <summary>Kratos's email format (Kratos's identity/validator.go and schema/), case by case at each rule's edge.</summary>
public class EmailAddressRulesTests
{
    private static readonly string Label63 = new('a', 63);

    [Theory]
    [InlineData("foo@ory.sh")]
    [InlineData("Foo.Bar+tag@Sub.Ory-Corp.SH")]
    [InlineData("!#$%&'*+-/=?^_`{|}~@ory.sh")]
    [InlineData("föö@ory.sh")]
    [InlineData("\"quoted space\"@ory.sh")]
    [InlineData("\"a\\\"b\"@ory.sh")]
    [InlineData("foo@ory.sh.")]
    [InlineData("foo@localhost")]
    [InlineData("foo@1.2.3.4")]
    public void Accepts(string address) => EmailAddressRules.IsValid(address).Should().BeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("ory.sh")]
    [InlineData("@ory.sh")]
    [InlineData("foo@")]
    [InlineData(".foo@ory.sh")]
    [InlineData("foo.@ory.sh")]
    [InlineData("a..b@ory.sh")]
    [InlineData("a b@ory.sh")]
    [InlineData("a\"b@ory.sh")]
    [InlineData("a,b@ory.sh")]
    [InlineData("foo@-ory.sh")]
    [InlineData("foo@ory-.sh")]
    [InlineData("foo@ory..sh")]
    [InlineData("foo@.ory.sh")]
    [InlineData("foo@ory.sh..")]
    [InlineData("foo@ory_corp.sh")]
    [InlineData("foo@öry.sh")]
    [InlineData("foo@ory sh")]
    [InlineData("\"unterminated@ory.sh")]
    public void Refuses(string address) => EmailAddressRules.IsValid(address).Should().BeFalse();

    [Fact]
    public void A_label_may_have_63_characters_but_not_64()
    {
        EmailAddressRules.IsValid($"foo@{Label63}.sh").Should().BeTrue();
        EmailAddressRules.IsValid($"foo@{Label63}a.sh").Should().BeFalse();
    }

    [Fact]
    public void The_local_part_may_have_64_bytes_but_not_65()
    {
        EmailAddressRules.IsValid(new string('a', 64) + "@ory.sh").Should().BeTrue();
        EmailAddressRules.IsValid(new string('a', 65) + "@ory.sh").Should().BeFalse();
        EmailAddressRules.IsValid(new string('ö', 33) + "@ory.sh").Should().BeFalse("ö is two bytes in UTF-8");
    }

    [Fact]
    public void The_address_may_have_254_characters_but_not_255()
    {
        var host = string.Join('.', Label63, Label63, Label63, new string('a', 57)); // 249 characters
        EmailAddressRules.IsValid("abcd@" + host).Should().BeTrue();
        EmailAddressRules.IsValid("abcde@" + host).Should().BeFalse();
    }
}
