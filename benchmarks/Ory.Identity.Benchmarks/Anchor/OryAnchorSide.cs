using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage;

namespace Ory.Identity.Benchmarks.Anchor;

/// <summary>Ory.Identity's <see cref="IIdentityManager"/> on the engine's store, resolved in a scope per operation.</summary>
internal sealed class OryAnchorSide : IAnchorSide
{
    private readonly ServiceProvider _provider;
    private string _middle = "";

    /// <summary>The id in the middle of the seeded identities, in the store's order: where the page starts.</summary>
    public Guid Middle { get; private set; }

    public OryAnchorSide(AnchorEngine engine)
    {
        var services = new ServiceCollection();
        engine.UseStorage(services.AddOryIdentity().AddSchema("default", "file://" + OryHost.SchemaPath));
        _provider = services.BuildServiceProvider();
    }

    public string Name => "Ory.Identity";

    /// <summary>Seeds these users with a bcrypt hash of <see cref="AnchorRuns.Password"/> through the batch path.</summary>
    public void Seed(IReadOnlyList<string> emails, string bcryptHash)
    {
        var manager = _provider.GetRequiredService<IIdentityManager>();
        var ids = new List<Guid>(emails.Count);
        foreach (var batch in emails.Chunk(1_000))
        {
            var result = manager.CreateManyAsync(Array.ConvertAll(batch, email => OryHost.ImportRequest(email, bcryptHash))).GetAwaiter().GetResult();
            ids.AddRange(result.Identities.Select(r => r?.Identity ?? throw new InvalidOperationException("Anchor seed: an item was refused.")));
        }

        ids.Sort(GuidOrder.Instance);
        Middle = ids[ids.Count / 2];
        _middle = Middle.ToString("D");
    }

    public async Task<string> CreateAsync(string email)
    {
        await using var scope = _provider.CreateAsyncScope();
        var identity = await scope.ServiceProvider.GetRequiredService<IIdentityManager>().CreateAsync(OryHost.Request(email));
        return identity.Id.ToString("D");
    }

    public async Task FindByEmailAsync(string email)
    {
        await using var scope = _provider.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<IIdentityManager>().ListAsync(new IdentityListQuery { CredentialsIdentifier = email });
        Emails.Check(page.Items.Count == 1, "ListAsync(CredentialsIdentifier) finds the identity");
    }

    /// <summary>Finds by email through the direct lookup, <see cref="IIdentityManager.FindByCredentialsIdentifierAsync"/>.</summary>
    public async Task FindDirectAsync(string email)
    {
        await using var scope = _provider.CreateAsyncScope();
        Emails.Check(await scope.ServiceProvider.GetRequiredService<IIdentityManager>().FindByCredentialsIdentifierAsync(email, CredentialsType.Password) is not null,
            "FindByCredentialsIdentifierAsync finds the identity");
    }

    public async Task VerifyPasswordAsync(string email)
    {
        await using var scope = _provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IIdentityManager>().VerifyPasswordAsync(email, AnchorRuns.Password);
        Emails.Check(result.Succeeded, "VerifyPasswordAsync accepts the password");
    }

    public async Task ReadPageAsync()
    {
        await using var scope = _provider.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<IIdentityManager>()
            .ListAsync(new IdentityListQuery { PageToken = _middle, PageSize = AnchorRuns.PageSize });
        Emails.Check(page.Items.Count == AnchorRuns.PageSize, "a full page from the middle");
    }

    /// <summary>Reads the same page as the JSON array <c>GET /admin/identities</c> answers with (<see cref="IIdentityManager.ListJsonAsync"/>).</summary>
    public async Task ReadPageJsonAsync()
    {
        await using var scope = _provider.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<IIdentityManager>()
            .ListJsonAsync(new IdentityListQuery { PageToken = _middle, PageSize = AnchorRuns.PageSize });
        Emails.Check(page.NextPageToken is not null && page.Utf8Json.Length > AnchorRuns.PageSize, "a full page from the middle");
    }

    public async Task DeleteAsync(string id)
    {
        await using var scope = _provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IIdentityManager>().DeleteAsync(Guid.Parse(id));
    }

    public void Dispose() => _provider.Dispose();
}
