using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.DependencyInjection;

public sealed class AddOryIdentityTests
{
    [Fact]
    public async Task Kratos_configuration_keys_bind_unchanged()
    {
        var json = $$"""
        {
          "Ory": {
            "identity": {
              "default_schema_id": "person",
              "schemas": [ { "id": "person", "url": "{{TestHost.SchemaUrl("quickstart-email-password")}}" } ]
            },
            "serve": { "public": { "base_url": "https://id.example.com/" } }
          }
        }
        """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddOryIdentity(configuration.GetSection("Ory")).UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<OryIdentityOptions>>().Value;
        var identity = await provider.GetRequiredService<IIdentityManager>().CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));

        options.Identity.DefaultSchemaId.Should().Be("person");
        identity.SchemaId.Should().Be("person");
        identity.SchemaUrl.Should().Be("https://id.example.com/schemas/cGVyc29u");
    }

    [Fact]
    public void Registration_is_idempotent()
    {
        var services = new ServiceCollection();
        services.AddOryIdentity().AddSchema("default", TestHost.SchemaUrl("quickstart-email-password")).UseInMemoryStorage();
        var count = services.Count;

        services.AddOryIdentity().UseInMemoryStorage();

        services.Count.Should().Be(count + 0, "a second AddOryIdentity and UseInMemoryStorage add nothing");
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IIdentityManager>().Should().BeSameAs(provider.GetRequiredService<IIdentityManager>());
    }

    [Fact]
    public void Missing_storage_fails_with_a_clear_message()
    {
        var services = new ServiceCollection();
        services.AddOryIdentity().AddSchema("default", TestHost.SchemaUrl("quickstart-email-password"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IIdentityManager>();

        act.Should().Throw<OptionsValidationException>().WithMessage("*No identity store is registered*UseInMemoryStorage()*");
    }

    [Fact]
    public void No_schema_fails_at_start()
    {
        var services = new ServiceCollection();
        services.AddOryIdentity().UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IIdentityManager>();

        act.Should().Throw<OptionsValidationException>();
    }

    [Fact]
    public void Unknown_default_schema_fails_at_start()
    {
        var services = new ServiceCollection();
        services.AddOryIdentity(o => o.Identity.DefaultSchemaId = "missing")
            .AddSchema("default", TestHost.SchemaUrl("quickstart-email-password"))
            .UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IIdentityManager>();

        act.Should().Throw<OptionsValidationException>().WithMessage("*missing*");
    }

    [Fact]
    public void Bad_base_url_fails_at_start()
    {
        var services = new ServiceCollection();
        services.AddOryIdentity(o => o.Serve.Public.BaseUrl = "not a url")
            .AddSchema("default", TestHost.SchemaUrl("quickstart-email-password"))
            .UseInMemoryStorage();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IIdentityManager>();

        act.Should().Throw<OptionsValidationException>().WithMessage("*serve.public.base_url*");
    }

    [Fact]
    public async Task Clock_comes_from_the_builder_then_from_di()
    {
        var builderClock = new FakeClock(Instant.FromUtc(2030, 1, 1, 0, 0));
        var diClock = new FakeClock(Instant.FromUtc(2031, 1, 1, 0, 0));

        var fromBuilder = await CreateWithClocks(builderClock, diClock);
        var fromDi = await CreateWithClocks(null, diClock);

        fromBuilder.CreatedAt.Should().Be(builderClock.GetCurrentInstant());
        fromDi.CreatedAt.Should().Be(diClock.GetCurrentInstant());
    }

    private static async Task<Identity> CreateWithClocks(IClock? builderClock, IClock diClock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(diClock);
        var builder = services.AddOryIdentity().AddSchema("default", TestHost.SchemaUrl("quickstart-email-password")).UseInMemoryStorage();
        if (builderClock is not null)
        {
            builder.UseClock(builderClock);
        }

        using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IIdentityManager>().CreateAsync(TestHost.Create("""{"email":"foo@ory.sh"}"""));
    }
}
