using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Ory.Identity.Storage.InMemory;

namespace Ory.Identity.Testing;

/// <summary>
/// A ready Ory.Identity for tests: the in-memory store, an in-memory outbox as the message sender, a fake clock at
/// <see cref="Start"/>, a default email + password schema, recovery by link and code on, and no network (the
/// Have I Been Pwned check is off). Dispose it at the end of the test.
/// </summary>
/// <example>
/// <code>
/// using var host = OryIdentityTestHost.Create();
/// await host.Identities.CreateAsync(new CreateIdentityRequest { Traits = ... });
/// var link = await host.Get&lt;IRecoveryLinkIssuer&gt;().CreateRecoveryLinkAsync(id);
/// var token = OryIdentityTestHost.LinkToken(link);
/// host.Clock.Advance(Duration.FromHours(2));
/// </code>
/// </example>
public sealed class OryIdentityTestHost : IDisposable, IAsyncDisposable
{
    /// <summary>The instant the fake clock starts at: 2026-01-01T00:00:00Z.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);

    /// <summary>The id of the default schema: traits <c>email</c> (password identifier, recovery and verification address) and <c>name</c>.</summary>
    public const string DefaultSchemaId = "default";

    /// <summary>Where recovery links point (<c>selfservice.methods.link.config.base_url</c>).</summary>
    public const string LinkBaseUrl = "http://127.0.0.1:4455/";

    private const string DefaultSchema =
        """
        {"$id":"https://schemas.ory.sh/presets/kratos/identity.email.schema.json","type":"object","properties":{"traits":{"type":"object","properties":{
          "email":{"type":"string","format":"email","title":"E-Mail","ory.sh/kratos":{"credentials":{"password":{"identifier":true}},"recovery":{"via":"email"},"verification":{"via":"email"}}},
          "name":{"type":"string","title":"Name"}},
          "required":["email"],"additionalProperties":false}}}
        """;

    private readonly ServiceProvider _provider;

    private OryIdentityTestHost(ServiceProvider provider, FakeClock clock)
    {
        _provider = provider;
        Clock = clock;
        Outbox = provider.GetRequiredService<InMemoryRecoveryOutbox>();
        Identities = provider.GetRequiredService<IIdentityManager>();
    }

    /// <summary>
    /// The fake clock every part of the library reads; <c>Clock.Advance(...)</c> moves time. A <c>UseTimeProvider(...)</c>
    /// (e.g. a <c>FakeTimeProvider</c>) or <c>UseClock(...)</c> in <c>configure</c> replaces it: that clock is then the
    /// host's, and this one no longer moves time.
    /// </summary>
    public FakeClock Clock { get; }

    /// <summary>Every message "sent" (recovery links and codes, invitations), oldest first.</summary>
    public InMemoryRecoveryOutbox Outbox { get; }

    /// <summary>The identity manager.</summary>
    public IIdentityManager Identities { get; }

    /// <summary>The container, to resolve anything else (<see cref="Get{T}"/>).</summary>
    public IServiceProvider Services => _provider;

    /// <summary>
    /// Builds the host. <paramref name="configure"/> runs last, so it may add schemas, change options
    /// (<c>builder.Configure(o => ...)</c>), choose another clock (<c>builder.UseTimeProvider(fakeTimeProvider)</c>) or
    /// register more services on <c>builder.Services</c>.
    /// </summary>
    public static OryIdentityTestHost Create(Action<OryIdentityBuilder>? configure = null)
    {
        var clock = new FakeClock(Start);
        var services = new ServiceCollection();
        var builder = services.AddOryIdentity(o =>
            {
                o.Identity.DefaultSchemaId = DefaultSchemaId;
                o.Secrets.Default = ["ory-identity-testing-secret-0001"];
                o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false;
                o.SelfService.Flows.Recovery.Enabled = true;
                o.SelfService.Methods.Link.Enabled = true;
                o.SelfService.Methods.Link.Config.BaseUrl = LinkBaseUrl;
                o.SelfService.Methods.Code.Enabled = true;
            })
            .AddSchemaJson(DefaultSchemaId, DefaultSchema)
            .UseClock(clock)
            .UseInMemoryStorage()
            .UseInMemoryRecoveryOutbox();
        configure?.Invoke(builder);
        return new OryIdentityTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), clock);
    }

    /// <summary>The token of a recovery link, as a person's click would submit it.</summary>
    public static string LinkToken(string link) => RecoveryLinkQuery.Token(link);

    /// <summary>The token of an issued recovery link.</summary>
    public static string LinkToken(RecoveryLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return RecoveryLinkQuery.Token(link.Link);
    }

    /// <summary>The recovery code last sent to <paramref name="recipient"/>.</summary>
    /// <exception cref="SentMessageAssertionException">No message with a code was sent to the recipient.</exception>
    public string LastCodeFor(string recipient) => Outbox.LastCodeFor(recipient);

    /// <summary>The token of the recovery link last sent to <paramref name="recipient"/>.</summary>
    /// <exception cref="SentMessageAssertionException">No message with a link was sent to the recipient.</exception>
    public string LastLinkTokenFor(string recipient) => RecoveryLinkQuery.Token(Outbox.LastLinkFor(recipient));

    /// <summary>Resolves a service.</summary>
    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <inheritdoc />
    public void Dispose() => _provider.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
