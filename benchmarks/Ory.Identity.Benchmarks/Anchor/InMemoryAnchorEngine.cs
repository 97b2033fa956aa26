using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Benchmarks.Anchor;

/// <summary>The in-memory store beside <see cref="DictionaryUserStore"/> (as <see cref="CreateBenchmarks"/>): create and find only.</summary>
internal sealed class InMemoryAnchorEngine : AnchorEngine
{
    public override string Name => "memory";

    public override bool RunsEveryOperation => false;

    public override void UseStorage(OryIdentityBuilder builder) => builder.UseInMemoryStorage();

    public override void AddUserStore(IServiceCollection services, IdentityBuilder identity)
    {
        services.AddSingleton<DictionaryUserStore>();
        services.AddScoped<IUserStore<IdentityUser>>(sp => sp.GetRequiredService<DictionaryUserStore>());
    }

    public override void Dispose()
    {
    }
}
