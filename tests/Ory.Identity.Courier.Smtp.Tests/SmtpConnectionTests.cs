using MailKit.Security;

namespace Ory.Identity.Courier.Smtp.Tests;

public sealed class SmtpConnectionTests
{
    [Theory]
    [InlineData("smtps://relay.corp.test:1234/", SecureSocketOptions.SslOnConnect, 1234, false)]
    [InlineData("smtps://relay.corp.test/?skip_ssl_verify=true", SecureSocketOptions.SslOnConnect, 465, true)]
    [InlineData("smtp://relay.corp.test:587/", SecureSocketOptions.StartTls, 587, false)]
    [InlineData("smtp://relay.corp.test/?skip_ssl_verify=true", SecureSocketOptions.StartTls, 25, true)]
    [InlineData("smtp://relay.corp.test:1025/?disable_starttls=true", SecureSocketOptions.None, 1025, false)]
    [InlineData("smtp://relay.corp.test:1025/?disable_starttls=false", SecureSocketOptions.StartTls, 1025, false)]
    [InlineData("smtps://relay.corp.test:465/?disable_starttls=true", SecureSocketOptions.SslOnConnect, 465, false)]
    [InlineData("SMTP://relay.corp.test:25/?skip_ssl_verify=1", SecureSocketOptions.StartTls, 25, true)]
    public void Scheme_and_query_choose_tls_as_kratos_does(string uri, SecureSocketOptions security, int port, bool skipVerify)
    {
        var connection = SmtpConnection.Parse(uri);

        connection.Host.Should().Be("relay.corp.test");
        connection.Security.Should().Be(security);
        connection.Port.Should().Be(port);
        connection.SkipCertificateVerification.Should().Be(skipVerify);
        connection.ServerName.Should().Be("relay.corp.test");
        connection.UserName.Should().BeNull();
        connection.Password.Should().BeNull();
    }

    [Fact]
    public void Url_encoded_user_and_password_are_decoded_and_never_printed()
    {
        var connection = SmtpConnection.Parse("smtps://user%40example.com:p%40ss%2Fw%3Ard@relay.corp.test:465/?server_name=smtp.example.com");

        connection.UserName.Should().Be("user@example.com");
        connection.Password.Should().Be("p@ss/w:rd");
        connection.ServerName.Should().Be("smtp.example.com");
        connection.ToString().Should().Be("smtps://relay.corp.test:465");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relay.corp.test:25")]
    [InlineData("http://user:hunter2@relay.corp.test/")]
    [InlineData("smtp:///nohost")]
    [InlineData("smtp://user:hunter2@relay.corp.test/?skip_ssl_verify=yes")]
    [InlineData("smtp://user:hunter2@relay.corp.test/?disable_starttls=maybe")]
    public void Malformed_uri_is_refused_naming_the_key_and_never_quoting_the_uri(string? uri)
    {
        var act = () => SmtpConnection.Parse(uri);

        var error = act.Should().Throw<FormatException>().Which;
        error.Message.Should().StartWith("courier.smtp.connection_uri").And.NotContain("hunter2").And.NotContain("relay.corp.test");
    }
}
