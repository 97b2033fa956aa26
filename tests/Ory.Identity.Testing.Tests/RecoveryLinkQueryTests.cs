namespace Ory.Identity.Testing.Tests;

public sealed class RecoveryLinkQueryTests
{
    private const string Flow = "0193a6a0-0000-7000-8000-000000000001";

    [Fact]
    public void Token_and_flow_id_are_read_from_the_query_and_unescaped()
    {
        var link = $"http://127.0.0.1:4455/self-service/recovery?flow={Flow}&token=a%2Bb%20c";

        RecoveryLinkQuery.Token(link).Should().Be("a+b c");
        RecoveryLinkQuery.FlowId(link).Should().Be(Guid.Parse(Flow));
    }

    [Fact]
    public void A_link_without_a_token_is_an_argument_error_that_does_not_quote_the_link()
    {
        var act = () => RecoveryLinkQuery.Token($"http://127.0.0.1:4455/self-service/recovery?flow={Flow}");

        act.Should().Throw<ArgumentException>().Which.Message.Should().StartWith("The recovery link has no token parameter.").And.NotContain(Flow);
    }

    [Fact]
    public void A_relative_link_is_an_argument_error()
    {
        var act = () => RecoveryLinkQuery.FlowId("/self-service/recovery?flow=x");

        act.Should().Throw<ArgumentException>().Which.Message.Should().StartWith("The recovery link is not an absolute http or https URL.");
    }
}
