using Ory.Identity.Courier.Smtp.Tests.Support;

namespace Ory.Identity.Courier.Smtp.Tests;

public sealed class TlsAndAuthenticationTests : IDisposable
{
    private const string Password = "s3cret-p@ss/word";
    private static readonly string EncodedCredentials = $"courier:{Uri.EscapeDataString(Password)}";

    private readonly TestCertificate _certificate = new();

    public void Dispose() => _certificate.Dispose();

    [SmtpFact]
    public async Task Smtp_scheme_upgrades_with_starttls_and_authenticates_with_the_uri_credentials()
    {
        await using var server = await AiosmtpdServer.StartAsync(tls: SmtpServerTls.StartTls, certificate: _certificate, auth: $"courier:{Password}");

        var mail = await DeliverOneAsync($"smtp://{EncodedCredentials}@127.0.0.1:{server.Port}/?skip_ssl_verify=true", server);

        mail.Tls.Should().BeTrue();
        mail.Authenticated.Should().BeTrue();
    }

    [SmtpFact]
    public async Task Smtps_scheme_uses_implicit_tls()
    {
        await using var server = await AiosmtpdServer.StartAsync(tls: SmtpServerTls.Implicit, certificate: _certificate, auth: $"courier:{Password}");

        var mail = await DeliverOneAsync($"smtps://{EncodedCredentials}@127.0.0.1:{server.Port}/?skip_ssl_verify=true", server);

        mail.Tls.Should().BeTrue();
        mail.Authenticated.Should().BeTrue();
    }

    [SmtpFact]
    public async Task Untrusted_certificate_fails_the_handshake_unless_skip_ssl_verify_is_set()
    {
        await using var server = await AiosmtpdServer.StartAsync(tls: SmtpServerTls.Implicit, certificate: _certificate);
        await using var host = new CourierTestHost($"smtps://127.0.0.1:{server.Port}/", o => o.MessageRetries = 1);
        await host.StartAsync();
        var message = CourierTestHost.Message("foo@ory.sh");

        await host.Sender.SendAsync(message);

        var record = await host.WaitForAsync(message.Id, CourierMessageStatus.Abandoned);
        record.SendCount.Should().Be(2, "a TLS failure is retried, as in Kratos");
        record.LastError.Should().StartWith("the TLS handshake failed");
        server.ReceivedCount.Should().Be(0);
    }

    [SmtpFact]
    public async Task Smtp_scheme_requires_starttls_so_a_server_without_it_gets_nothing_in_cleartext()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{server.Port}/", o => o.MessageRetries = 0);
        await host.StartAsync();
        var message = CourierTestHost.Message("foo@ory.sh");

        await host.Sender.SendAsync(message);

        var record = await host.WaitForAsync(message.Id, CourierMessageStatus.Abandoned);
        record.LastError.Should().Be("the server does not offer STARTTLS (disable_starttls=true allows cleartext)");
        server.ReceivedCount.Should().Be(0);
    }

    [SmtpFact]
    public async Task Wrong_password_is_abandoned_at_once_and_no_password_reaches_records_or_logs()
    {
        await using var server = await AiosmtpdServer.StartAsync(tls: SmtpServerTls.StartTls, certificate: _certificate, auth: $"courier:{Password}");
        const string wrong = "wr0ng-pa55word";
        await using var host = new CourierTestHost($"smtp://courier:{wrong}@127.0.0.1:{server.Port}/?skip_ssl_verify=true");
        await host.StartAsync();
        var message = CourierTestHost.Message("foo@ory.sh");

        await host.Sender.SendAsync(message);

        var record = await host.WaitForAsync(message.Id, CourierMessageStatus.Abandoned);
        record.SendCount.Should().Be(1, "the server's 535 is a 5xx reply, which Kratos does not retry");
        record.LastError.Should().Be("authentication failed");
        server.ReceivedCount.Should().Be(0);
        var everything = string.Join('\n', host.Logs.Texts.Concat([record.ToString()]));
        everything.Should().NotContain(wrong).And.NotContain("foo@ory.sh").And.NotContain("Tok3nThatMustNotLeak");
    }

    /// <summary>Sends one message through a courier on <paramref name="uri"/>; returns it as received, once recorded sent after one attempt.</summary>
    private static async Task<ReceivedMail> DeliverOneAsync(string uri, AiosmtpdServer server)
    {
        await using var host = new CourierTestHost(uri);
        await host.StartAsync();
        var message = CourierTestHost.Message("foo@ory.sh");

        await host.Sender.SendAsync(message);

        var mail = (await server.WaitForMailAsync()).Single();
        mail.Message.TextBody.Should().Be(message.Body);
        (await host.WaitForAsync(message.Id, CourierMessageStatus.Sent)).SendCount.Should().Be(1);
        return mail;
    }
}
