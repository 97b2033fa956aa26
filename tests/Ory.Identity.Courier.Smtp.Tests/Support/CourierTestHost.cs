using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Courier.Smtp.Tests.Support;

/// <summary>
/// Ory.Identity on the in-memory store with self-service link recovery on, a fake clock, and the SMTP courier pointed
/// at <c>connectionUri</c> with short back-off (50 ms doubling up to 200 ms); its worker runs from <see cref="StartAsync"/>.
/// </summary>
internal sealed class CourierTestHost : IAsyncDisposable
{
    public const string FromAddress = "no-reply@example.com";
    public const string Secret = "a-very-secret-cookie-secret-0001";
    public static readonly Instant Start = Instant.FromUtc(2026, 12, 1, 10, 0, 0);

    private readonly ServiceProvider _provider;
    private bool _started;

    public CourierTestHost(string connectionUri, Action<SmtpCourierOptions>? configure = null, Action<OryIdentityOptions>? configureIdentity = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddOryIdentity(o =>
            {
                o.Identity.DefaultSchemaId = "default";
                o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false; // tests never reach the network
                o.SelfService.Methods.Link.Enabled = true;
                o.SelfService.Methods.Link.Config.BaseUrl = "http://127.0.0.1:4455/";
                o.SelfService.Flows.Recovery.Enabled = true;
                o.SelfService.Flows.Recovery.Use = "link";
                o.Secrets.Cookie = [Secret];
                configureIdentity?.Invoke(o);
            })
            .AddSchema("default", "file://" + Path.Combine(AppContext.BaseDirectory, "TestData", "quickstart-email-password.schema.json"))
            .UseClock(Clock)
            .UseInMemoryStorage()
            .UseSmtpCourier(o =>
            {
                o.Smtp.ConnectionUri = connectionUri;
                o.Smtp.FromAddress = FromAddress;
                o.RetryDelay = "50ms";
                o.RetryMaxDelay = "200ms";
                configure?.Invoke(o);
            });
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeClock Clock { get; } = new(Start);

    public CapturingLoggerProvider Logs { get; } = new();

    public IRecoveryMessageSender Sender => Get<IRecoveryMessageSender>();

    public ICourierDeliveries Deliveries => Get<ICourierDeliveries>();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Starts the hosted services (the courier's worker), as a host would.</summary>
    public async Task StartAsync()
    {
        foreach (var service in _provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        _started = true;
    }

    /// <summary>Stops the hosted services, as a host would; <paramref name="shutdownTimeout"/> is the host's shutdown timeout.</summary>
    public async Task StopAsync(TimeSpan? shutdownTimeout = null)
    {
        using var timeout = new CancellationTokenSource(shutdownTimeout ?? TimeSpan.FromSeconds(30));
        foreach (var service in _provider.GetServices<IHostedService>().Reverse())
        {
            await service.StopAsync(timeout.Token);
        }

        _started = false;
    }

    /// <summary>Polls the delivery record until it has <paramref name="status"/> (30 s at most).</summary>
    public async Task<CourierDelivery> WaitForAsync(Guid messageId, CourierMessageStatus status, int minimumSendCount = 0)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        CourierDelivery? record = null;
        while (DateTime.UtcNow < deadline)
        {
            record = await Deliveries.GetAsync(messageId);
            if (record is not null && record.Status == status && record.SendCount >= minimumSendCount)
            {
                return record;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Message {messageId} did not reach {status} (send count {minimumSendCount}); last: {record}.");
    }

    /// <summary>A recovery message with a link whose token is <paramref name="token"/>.</summary>
    public static RecoveryMessage Message(string recipient, string token = "Tok3nThatMustNotLeak0123456789ab", string? html = null) => new()
    {
        TemplateType = RecoveryTemplateType.RecoveryValid,
        Recipient = recipient,
        RecoveryUrl = $"http://127.0.0.1:4455/self-service/recovery?flow=0193a6a0-0000-7000-8000-000000000001&token={token}",
        ExpiresInMinutes = 60,
        FlowId = Guid.Parse("0193a6a0-0000-7000-8000-000000000001"),
        RequestUrl = "http://127.0.0.1:4433/self-service/recovery/api",
        HtmlBody = html,
    };

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await StopAsync();
        }

        await _provider.DisposeAsync();
    }
}
