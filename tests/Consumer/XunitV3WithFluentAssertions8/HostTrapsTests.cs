using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity;
using Ory.Identity.AspNetCore;
using Ory.Identity.Storage;
using Ory.Identity.Storage.InMemory;
using Ory.Identity.Testing;

namespace Consumer;

// The traps of issue 18 as a fresh app hits them with the packages from the feed: a web app on real Kestrel (127.0.0.1,
// a free port) whose content root is a folder of its own, not the test's working directory.
public sealed class HostTrapsTests : IAsyncLifetime
{
    private const string Schema =
        """
        {"type":"object","properties":{"traits":{"type":"object","properties":{
          "email":{"type":"string","format":"email","ory.sh/kratos":{"credentials":{"password":{"identifier":true}},"recovery":{"via":"email"}}}},
          "required":["email"]}}}
        """;

    private readonly string _contentRoot = Directory.CreateTempSubdirectory("ory-consumer-app-").FullName;
    private WebApplication? _app;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Directory.Delete(_contentRoot, recursive: true);
    }

    // Items 1 and 3: an Identity returned from the app's own minimal-API endpoint (in an app that serves the Kratos HTTP
    // API beside it) is OryIdentityJson's output, and a relative file:// schema resolves against the content root (the
    // working directory does not hold it).
    [Fact]
    public async Task An_identity_returned_from_an_own_endpoint_is_OryIdentityJson_and_a_relative_schema_loads_from_the_content_root()
    {
        File.WriteAllText(Path.Combine(_contentRoot, "identity.schema.json"), Schema);
        File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "identity.schema.json")).Should().BeFalse();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _contentRoot });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddOryIdentity(o =>
            {
                o.Identity.DefaultSchemaId = "default";
                o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false;
            })
            .AddSchema("default", "file://identity.schema.json")
            .UseInMemoryStorage();
        builder.Services.AddOryIdentityHttp();
        _app = builder.Build();
        _app.MapGet("/people/{id:guid}", async (Guid id, IIdentityManager identities) => Results.Ok(await identities.GetAsync(id)));
        _app.MapGet("/people/{id:guid}/plain", async (Guid id, IIdentityManager identities) => await identities.GetAsync(id));
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var created = await _app.Services.GetRequiredService<IIdentityManager>().CreateAsync(
            new CreateIdentityRequest { Traits = JsonDocument.Parse("""{"email":"ada@example.org"}""").RootElement },
            cancellationToken: TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };

        var viaResults = await client.GetStringAsync(new Uri($"/people/{created.Id}", UriKind.Relative), TestContext.Current.CancellationToken);
        var viaReturn = await client.GetStringAsync(new Uri($"/people/{created.Id}/plain", UriKind.Relative), TestContext.Current.CancellationToken);

        var expected = OryIdentityJson.Serialize(created);
        viaResults.Should().Be(expected);
        viaReturn.Should().Be(expected);
        viaResults.Should().Contain("\"created_at\":\"").And.Contain("\"schema_id\":\"default\"").And.NotContain("createdAt");
    }

    // Item 1 outside ASP.NET Core: serializer options of the host's own (default or web) that carry
    // OryIdentityJson.Converter write OryIdentityJson's output.
    [Fact]
    public async Task An_identity_serialized_with_the_host_s_default_or_web_options_and_the_converter_is_OryIdentityJson()
    {
        await using var host = OryIdentityTestHost.Create();
        var created = await host.Identities.CreateAsync(
            new CreateIdentityRequest { Traits = JsonDocument.Parse("""{"email":"ada@example.org"}""").RootElement },
            TestContext.Current.CancellationToken);

        var expected = OryIdentityJson.Serialize(created);
        JsonSerializer.Serialize(created, new JsonSerializerOptions { Converters = { OryIdentityJson.Converter } }).Should().Be(expected);
        JsonSerializer.Serialize(created, new JsonSerializerOptions(JsonSerializerOptions.Web) { Converters = { OryIdentityJson.Converter } }).Should().Be(expected);
    }

    // Item 1 with bare options: no converter, no options at all, or the web defaults; each public model type names its
    // own converter, so the host needs nothing.
    [Fact]
    public async Task An_identity_serialized_without_options_or_with_bare_web_options_is_OryIdentityJson()
    {
        await using var host = OryIdentityTestHost.Create();
        var created = await host.Identities.CreateAsync(
            new CreateIdentityRequest { Traits = JsonDocument.Parse("""{"email":"bare@example.org"}""").RootElement },
            TestContext.Current.CancellationToken);

        var expected = OryIdentityJson.Serialize(created);
        JsonSerializer.Serialize(created).Should().Be(expected).And.Contain("\"created_at\":\"");
        JsonSerializer.Serialize(created, JsonSerializerOptions.Web).Should().Be(expected);
        OryIdentityJson.Serialize(JsonSerializer.Deserialize<Identity>(expected)!).Should().Be(expected);
    }

    // Item 2: a test's storage override wins, whatever was registered before it.
    [Fact]
    public void UseInMemoryStorage_after_UseSqliteStorage_resolves_the_in_memory_stores()
    {
        var services = new ServiceCollection();
        services.AddOryIdentity(o => o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false)
            .UseSqliteStorage($"Data Source={Path.Combine(_contentRoot, "real.db")}")
            .UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IIdentityStore>().Should().BeOfType<InMemoryIdentityStore>();
        provider.GetRequiredService<IRecoveryStore>().Should().BeOfType<InMemoryRecoveryStore>();
        File.Exists(Path.Combine(_contentRoot, "real.db")).Should().BeFalse();
    }

    // Item 7: recovery enabled without a message sender still creates identities; what needs a sender names the fix.
    [Fact]
    public async Task Recovery_enabled_without_a_sender_still_creates_identities_and_the_error_names_the_fix()
    {
        var services = new ServiceCollection();
        services.AddOryIdentity(o =>
            {
                o.Identity.DefaultSchemaId = "default";
                o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false;
                o.SelfService.Flows.Recovery.Enabled = true;
                o.SelfService.Methods.Code.Enabled = true;
                o.Secrets.Default = ["a-consumer-test-secret-000000001"];
            })
            .AddSchemaJson("default", Schema)
            .UseInMemoryStorage();
        await using var provider = services.BuildServiceProvider();

        var created = await provider.GetRequiredService<IIdentityManager>().CreateAsync(
            new CreateIdentityRequest { Traits = JsonDocument.Parse("""{"email":"ada@example.org"}""").RootElement },
            cancellationToken: TestContext.Current.CancellationToken);
        var recovery = () => provider.GetRequiredService<ISelfServiceRecovery>();

        created.Traits.GetProperty("email").GetString().Should().Be("ada@example.org");
        recovery.Should().Throw<Exception>().Which.ToString().Should()
            .Contain("IRecoveryMessageSender").And.Contain("UseInMemoryRecoveryOutbox");
    }

    // The Testing package from the feed: the token of a link in one call.
    [Fact]
    public async Task The_testing_host_gives_the_token_of_a_recovery_link_in_one_call()
    {
        await using var host = OryIdentityTestHost.Create();
        var ada = await host.Identities.CreateAsync(
            new CreateIdentityRequest { Traits = JsonDocument.Parse("""{"email":"ada@example.org"}""").RootElement },
            cancellationToken: TestContext.Current.CancellationToken);
        var link = await host.Get<IRecoveryLinkIssuer>().CreateRecoveryLinkAsync(ada.Id, cancellationToken: TestContext.Current.CancellationToken);

        var redemption = await host.Get<IRecoveryRedeemer>().RedeemLinkAsync(link.FlowId, OryIdentityTestHost.LinkToken(link), TestContext.Current.CancellationToken);

        redemption.IdentityId.Should().Be(ada.Id);
    }
}
