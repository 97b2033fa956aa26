using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.AspNetCore.Tests;

/// <summary>The QuickStart sample in a test server; the connection's local port is taken from the request URL.</summary>
public sealed class QuickStartTests : IClassFixture<QuickStartTests.Factory>
{
    private readonly Factory _factory;

    public QuickStartTests(Factory factory) => _factory = factory;

    public sealed class Factory : WebApplicationFactory<Program>
    {
        /// <summary>The <c>--storage</c> and <c>--sqlite</c> settings; in-memory unless a test says otherwise.</summary>
        public Dictionary<string, string> Settings { get; } = new() { ["storage"] = "inmemory" };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in Settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services => services.AddTransient<IStartupFilter, LocalPortFromUrl>());
        }
    }

    private sealed class LocalPortFromUrl : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.LocalPort = context.Request.Host.Port ?? 80;
                return following(context);
            });
            next(app);
        };
    }

    private HttpClient Client(int port) => _factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        AllowAutoRedirect = false,
    });

    [Fact]
    public async Task The_seed_requests_work_on_the_admin_port()
    {
        using var admin = Client(4434);
        var created = await admin.PostAsync("/identities", new StringContent("""{"schema_id":"default","traits":{"email":"seed@ory.sh"}}""", Encoding.UTF8, "application/json"));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var identity = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = identity.GetProperty("id").GetGuid();
        created.Headers.Location!.ToString().Should().Be($"http://127.0.0.1:4434/identities/{id}");
        identity.GetProperty("schema_url").GetString().Should().Be("http://127.0.0.1:4433/schemas/ZGVmYXVsdA");

        var link = await admin.PostAsync("/recovery/link", new StringContent($$"""{"identity_id":"{{id}}","expires_in":"12h"}""", Encoding.UTF8, "application/json"));
        link.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await link.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("recovery_link").GetString().Should().StartWith("http://127.0.0.1:4455/self-service/recovery?flow=");
        var expiresAt = DateTimeOffset.Parse(body.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        expiresAt.Should().BeCloseTo(DateTimeOffset.UtcNow.AddHours(12), TimeSpan.FromMinutes(1));

        // The user follows the link on the public port and lands on the settings UI.
        using var publicClient = Client(4433);
        var redeemed = await publicClient.GetAsync(new Uri(body.GetProperty("recovery_link").GetString()!).PathAndQuery);
        redeemed.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        redeemed.Headers.Location!.ToString().Should().StartWith("http://127.0.0.1:4455/settings?flow=");
    }

    [Fact]
    public async Task Each_api_answers_only_on_its_own_port()
    {
        using var publicClient = Client(4433);
        (await publicClient.GetAsync("/admin/identities")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await publicClient.PostAsync("/admin/recovery/link", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await publicClient.GetAsync("/schemas")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await publicClient.GetAsync("/self-service/recovery/api")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var admin = Client(4434);
        (await admin.GetAsync("/admin/identities")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync("/self-service/recovery/api")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync("/health/alive")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_recovery_code_flow_is_enabled_for_api_clients()
    {
        using var publicClient = Client(4433);
        var flow = JsonDocument.Parse(await publicClient.GetStringAsync("/self-service/recovery/api")).RootElement;
        flow.GetProperty("active").GetString().Should().Be("code");
        var sent = await publicClient.PostAsync($"/self-service/recovery?flow={flow.GetProperty("id").GetGuid()}",
            new StringContent("""{"method":"code","email":"nobody@ory.sh"}""", Encoding.UTF8, "application/json"));
        sent.StatusCode.Should().Be(HttpStatusCode.OK);
        _ = StatusCodes.Status200OK;
    }

    [Fact]
    public async Task Identities_survive_a_restart_on_the_default_sqlite_storage()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ory-identity-quickstart-{Guid.NewGuid():N}.db");
        try
        {
            Guid id;
            using (var first = new Factory())
            {
                first.Settings.Remove("storage");
                first.Settings["sqlite"] = file;
                var admin = first.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://127.0.0.1:4434") });
                using var created = await admin.PostAsync("/identities", new StringContent("""{"schema_id":"default","traits":{"email":"restart@ory.sh"}}""", System.Text.Encoding.UTF8, "application/json"));
                created.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
                id = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
            }

            using var second = new Factory();
            second.Settings.Remove("storage");
            second.Settings["sqlite"] = file;
            var client = second.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://127.0.0.1:4434") });
            using var read = await client.GetAsync($"/admin/identities/{id}");

            read.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
            (await read.Content.ReadAsStringAsync()).Should().Contain("restart@ory.sh");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public async Task A_service_account_calls_the_demo_endpoint_with_an_api_key()
    {
        using var admin = Client(4434);
        using var publicApi = Client(4433);
        var created = await admin.PostAsync("/admin/identities", new StringContent("""{"schema_id":"service","traits":{"name":"nightly-export","owner":"data@example.com"}}""", Encoding.UTF8, "application/json"));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var issued = await admin.PostAsync($"/admin/identities/{id}/api-keys", new StringContent("""{"name":"export","expires_in":"24h"}""", Encoding.UTF8, "application/json"));
        issued.StatusCode.Should().Be(HttpStatusCode.Created);
        var secret = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;

        (await publicApi.GetAsync("/demo/whoami")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/demo/whoami");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        var answer = await publicApi.SendAsync(request);
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        var whoami = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        whoami.GetProperty("identity_id").GetGuid().Should().Be(id);
        whoami.GetProperty("schema_id").GetString().Should().Be("service");
        whoami.GetProperty("traits").GetProperty("name").GetString().Should().Be("nightly-export");
        whoami.GetProperty("api_key").GetProperty("name").GetString().Should().Be("export");

        using var onAdmin = new HttpRequestMessage(HttpMethod.Get, "/demo/whoami");
        onAdmin.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        (await admin.SendAsync(onAdmin)).StatusCode.Should().Be(HttpStatusCode.NotFound, "the demo endpoint is served on the public port only");
    }

    public static TheoryData<int, string, string, int> ErrorsNoEndpointWrites => new()
    {
        { 4433, "GET", "/admin/identities", 404 },
        { 4434, "GET", "/self-service/recovery/api", 404 },
        { 4434, "GET", "/no/such/route", 404 },
        { 4434, "DELETE", "/identities", 405 },
        { 4433, "PUT", "/schemas", 405 },
        { 4433, "GET", "/demo/whoami", 401 },
        { 4434, "GET", "/identities?q=" + new string('a', 9000), 414 },
    };

    [Theory]
    [MemberData(nameof(ErrorsNoEndpointWrites))]
    public async Task Every_error_answer_is_kratos_json(int port, string method, string path, int status)
    {
        using var client = Client(port);
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        ((int)response.StatusCode).Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        error.GetProperty("code").GetInt32().Should().Be(status);
        error.GetProperty("status").GetString().Should().NotBeNullOrEmpty();
        error.GetProperty("message").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Headers_over_the_apps_limit_are_431_with_kratos_json()
    {
        using var admin = Client(4434);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/identities");
        for (var i = 0; i < 5; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Padding-{i}", new string('p', 7 * 1024));
        }

        var response = await admin.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.RequestHeaderFieldsTooLarge);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        error.GetProperty("code").GetInt32().Should().Be(431);
        error.GetProperty("status").GetString().Should().Be("Request Header Fields Too Large");
    }

    [Fact]
    public async Task The_issues_invalid_utf8_create_is_201_with_u_fffd()
    {
        using var admin = Client(4434);
        var content = new ByteArrayContent([.. "{\"schema_id\":\"default\",\"traits\":{\"email\":\""u8, 0xff, .. "@x.com\"}}"u8]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var response = await admin.PostAsync("/admin/identities", content);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("traits").GetProperty("email").GetString().Should().Be("\uFFFD@x.com");
    }
}
