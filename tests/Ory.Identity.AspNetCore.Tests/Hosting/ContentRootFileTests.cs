using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ory.Identity.AspNetCore.Tests.Hosting;

/// <summary>Relative <c>file://</c> paths of the configuration resolve against the host's content root, not the working directory.</summary>
public sealed class ContentRootFileTests : IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("ory-content-root-").FullName;

    public ContentRootFileTests()
    {
        Directory.CreateDirectory(Path.Combine(_contentRoot, "config", "templates"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "identity.schema.json"), Path.Combine(_contentRoot, "config", "person.schema.json"));
        File.WriteAllText(Path.Combine(_contentRoot, "config", "templates", "invite.subject.gotmpl"), "Welcome aboard");
    }

    [Fact]
    public async Task A_relative_schema_and_template_resolve_under_the_content_root_when_started_elsewhere()
    {
        Directory.GetCurrentDirectory().Should().NotBe(_contentRoot, "the working directory is another folder");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot, EnvironmentName = "Testing" });
        Configure(builder.Services);
        using var host = builder.Build();

        await host.StartAsync();
        var identity = await host.Services.GetRequiredService<IIdentityManager>().CreateAsync(
            new CreateIdentityRequest { SchemaId = "person", Traits = System.Text.Json.JsonDocument.Parse("""{"email":"foo@ory.sh"}""").RootElement });
        await host.StopAsync();

        identity.SchemaId.Should().Be("person");
    }

    [Fact]
    public void Without_a_host_environment_a_relative_path_resolves_against_the_working_directory()
    {
        var services = new ServiceCollection();
        Configure(services);
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<OryIdentityOptions>>().Value;

        read.Should().Throw<OptionsValidationException>()
            .WithMessage($"*{Path.Combine(Directory.GetCurrentDirectory(), "config", "person.schema.json")}*");
    }

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    private static void Configure(IServiceCollection services) =>
        services.AddOryIdentity(o =>
            {
                o.Identity.DefaultSchemaId = "person";
                o.SelfService.Methods.Password.Config.HaveIBeenPwnedEnabled = false;
                o.Courier.Templates.Invite.Email.Subject = "file://config/templates/invite.subject.gotmpl";
            })
            .AddSchema("person", "file://config/person.schema.json")
            .UseInMemoryStorage();
}
