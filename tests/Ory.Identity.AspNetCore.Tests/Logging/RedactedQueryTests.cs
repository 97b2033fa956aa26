using Microsoft.AspNetCore.Http;
using Ory.Identity.AspNetCore.Internal;

namespace Ory.Identity.AspNetCore.Tests.Logging;

public sealed class RedactedQueryTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("?", "?")]
    [InlineData("?flow=0d1f&token=abc", "?flow=[redacted]&token=[redacted]")]
    [InlineData("?credentials_identifier=a%40b.example", "?credentials_identifier=[redacted]")]
    [InlineData("?code=123456&code=654321", "?code=[redacted]&code=[redacted]")]
    [InlineData("?page_size=&ids=", "?page_size=&ids=")]
    [InlineData("?s3cr3t-without-a-name&x=1", "?[redacted]&x=[redacted]")]
    [InlineData("?a=1&&b=x=y", "?a=[redacted]&&b=[redacted]")]
    [InlineData("?=leading", "?=[redacted]")]
    public void Keeps_parameter_names_and_replaces_every_value(string query, string redacted) =>
        RedactedQuery.Of(new QueryString(query.Length == 0 ? null : query)).Should().Be(redacted);
}
