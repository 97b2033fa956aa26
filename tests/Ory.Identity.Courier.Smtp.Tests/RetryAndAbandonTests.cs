using Ory.Identity.Courier.Smtp.Tests.Support;

namespace Ory.Identity.Courier.Smtp.Tests;

public sealed class RetryAndAbandonTests
{
    [SmtpFact]
    public async Task Server_that_starts_late_receives_the_message_after_failed_attempts_were_recorded()
    {
        var port = AiosmtpdServer.FreePort();
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{port}/?disable_starttls=true", o => o.MessageRetries = 100);
        await host.StartAsync();
        var message = CourierTestHost.Message("foo@ory.sh");

        await host.Sender.SendAsync(message);
        var failed = await host.WaitForAsync(message.Id, CourierMessageStatus.Queued, minimumSendCount: 2);
        failed.LastError.Should().Be("could not connect (ConnectionRefused)");

        await using var server = await AiosmtpdServer.StartAsync(port);
        var mail = (await server.WaitForMailAsync()).Single();
        mail.Message.TextBody.Should().Be(message.Body);
        var sent = await host.WaitForAsync(message.Id, CourierMessageStatus.Sent);
        sent.SendCount.Should().BeGreaterThan(2);
        sent.LastError.Should().Be("could not connect (ConnectionRefused)", "the record keeps the last failure's reason");
        server.ReceivedCount.Should().Be(1);
    }

    [SmtpFact]
    public async Task Message_is_abandoned_after_message_retries_when_no_server_ever_answers()
    {
        var port = AiosmtpdServer.FreePort();
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{port}/?disable_starttls=true", o => o.MessageRetries = 2);
        await host.StartAsync();
        var message = CourierTestHost.Message("foo@ory.sh");

        await host.Sender.SendAsync(message);

        var record = await host.WaitForAsync(message.Id, CourierMessageStatus.Abandoned);
        record.SendCount.Should().Be(3, "the first attempt and message_retries=2 retries, as Kratos counts send_count");
        record.LastError.Should().Be("could not connect (ConnectionRefused)");
        await Task.Delay(300);
        (await host.Deliveries.GetAsync(message.Id))!.SendCount.Should().Be(3, "an abandoned message is not tried again");
        host.Logs.Lines.Should().Contain(l => l.Contains($"Courier abandoned message {message.Id}", StringComparison.Ordinal));
    }

    [SmtpFact]
    public async Task Recipient_refused_with_a_5xx_reply_is_abandoned_at_once_without_quoting_the_reply()
    {
        await using var server = await AiosmtpdServer.StartAsync(refuseRecipientsEndingWith: "@refused.example");
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{server.Port}/?disable_starttls=true");
        await host.StartAsync();
        var refused = CourierTestHost.Message("nobody@refused.example");
        var accepted = CourierTestHost.Message("foo@ory.sh");

        await host.Sender.SendAsync(refused);
        await host.Sender.SendAsync(accepted);

        var record = await host.WaitForAsync(refused.Id, CourierMessageStatus.Abandoned);
        record.SendCount.Should().Be(1, "Kratos abandons on an SMTP reply of 500 or more");
        record.LastError.Should().Be("the server refused the recipient (550)");
        await host.WaitForAsync(accepted.Id, CourierMessageStatus.Sent);
        (await server.WaitForMailAsync()).Single().Recipients.Should().Equal("foo@ory.sh");
        host.Logs.Texts.Should().NotContain(t => t.Contains("refused.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sending_only_queues_and_completes_at_once_while_the_server_is_down()
    {
        var port = AiosmtpdServer.FreePort();
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{port}/?disable_starttls=true", o => o.MessageRetries = 100);
        await host.StartAsync();
        var messages = Enumerable.Range(0, 200).Select(i => CourierTestHost.Message($"user{i}@ory.sh")).ToList();

        var sends = messages.Select(m => host.Sender.SendAsync(m)).ToList();

        sends.Should().OnlyContain(t => t.IsCompletedSuccessfully, "SendAsync returns a completed task: no flow waits for the server");
        foreach (var message in messages)
        {
            (await host.Deliveries.GetAsync(message.Id)).Should().NotBeNull();
        }
    }

    [Fact]
    public async Task Message_beyond_the_queue_capacity_fails_its_request_and_gets_no_record()
    {
        var port = AiosmtpdServer.FreePort();
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{port}/?disable_starttls=true", o =>
        {
            o.QueueCapacity = 2;
            o.MessageRetries = 100;
        });
        var first = CourierTestHost.Message("a@ory.sh");
        var second = CourierTestHost.Message("b@ory.sh");
        var third = CourierTestHost.Message("c@ory.sh");
        await host.Sender.SendAsync(first);
        await host.Sender.SendAsync(second);

        var act = () => host.Sender.SendAsync(third);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be("The SMTP courier's queue is full (courier.queue_capacity); the message was not queued.");
        (await host.Deliveries.GetAsync(third.Id)).Should().BeNull();
        (await host.Deliveries.GetAsync(first.Id))!.Status.Should().Be(CourierMessageStatus.Queued);
    }

    [Fact]
    public async Task Same_message_twice_is_refused_and_queued_once()
    {
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{AiosmtpdServer.FreePort()}/?disable_starttls=true");
        var message = CourierTestHost.Message("a@ory.sh");
        await host.Sender.SendAsync(message);

        var again = () => host.Sender.SendAsync(message);

        await again.Should().ThrowAsync<InvalidOperationException>();
        (await host.Deliveries.GetAsync(message.Id))!.Status.Should().Be(CourierMessageStatus.Queued);
    }
}
