using System.Net;
using System.Net.Sockets;
using Ory.Identity.Courier.Smtp.Tests.Support;

namespace Ory.Identity.Courier.Smtp.Tests;

public sealed class ShutdownTests
{
    [SmtpFact]
    public async Task Stop_delivers_queued_messages_before_returning()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{server.Port}/?disable_starttls=true");
        var messages = Enumerable.Range(0, 5).Select(i => CourierTestHost.Message($"user{i}@ory.sh")).ToList();
        foreach (var message in messages)
        {
            await host.Sender.SendAsync(message);
        }

        await host.StartAsync();
        await host.StopAsync();

        foreach (var message in messages)
        {
            (await host.Deliveries.GetAsync(message.Id))!.Status.Should().Be(CourierMessageStatus.Sent);
        }

        server.ReceivedCount.Should().Be(5);
    }

    [Fact]
    public async Task Stop_gives_waiting_messages_one_last_attempt_then_records_them_abandoned_and_refuses_new_ones()
    {
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{AiosmtpdServer.FreePort()}/?disable_starttls=true", o =>
        {
            o.MessageRetries = 100;
            o.RetryDelay = "1h";
            o.RetryMaxDelay = "1h";
        });
        await host.StartAsync();
        var message = CourierTestHost.Message("foo@ory.sh");
        await host.Sender.SendAsync(message);
        await host.WaitForAsync(message.Id, CourierMessageStatus.Queued, minimumSendCount: 1);

        await host.StopAsync();

        var record = (await host.Deliveries.GetAsync(message.Id))!;
        record.Status.Should().Be(CourierMessageStatus.Abandoned);
        record.SendCount.Should().Be(2, "the waiting message got one more attempt at shutdown instead of its hour of back-off");
        record.LastError.Should().Be("the host stopped before the message was sent: could not connect (ConnectionRefused)");
        var late = () => host.Sender.SendAsync(CourierTestHost.Message("late@ory.sh"));
        (await late.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be("The SMTP courier has stopped and accepts no more messages.");
    }

    [Fact]
    public async Task Stop_without_a_started_worker_records_queued_messages_abandoned()
    {
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{AiosmtpdServer.FreePort()}/?disable_starttls=true");
        var message = CourierTestHost.Message("foo@ory.sh");
        await host.Sender.SendAsync(message);

        await host.StopAsync();

        var record = (await host.Deliveries.GetAsync(message.Id))!;
        record.Status.Should().Be(CourierMessageStatus.Abandoned);
        record.SendCount.Should().Be(0);
        record.LastError.Should().Be("the host stopped before the message was sent");
    }

    [Fact]
    public async Task Attempt_cut_off_by_the_shutdown_timeout_is_recorded_abandoned_and_stop_returns()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0); // accepts connections and never greets
        silent.Start();
        await using var host = new CourierTestHost($"smtp://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/?disable_starttls=true");
        await host.StartAsync();
        var message = CourierTestHost.Message("foo@ory.sh");
        await host.Sender.SendAsync(message);
        (await host.WaitForAsync(message.Id, CourierMessageStatus.Processing, minimumSendCount: 1)).LastError.Should().BeNull();

        var stop = host.StopAsync(shutdownTimeout: TimeSpan.FromMilliseconds(200));

        (await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(5)))).Should().BeSameAs(stop, "the shutdown timeout cuts off the attempt, well before the 10 s SMTP timeout");
        await stop;
        var record = (await host.Deliveries.GetAsync(message.Id))!;
        record.Status.Should().Be(CourierMessageStatus.Abandoned);
        record.LastError.Should().Be("the host stopped before the message was sent");
    }
}
