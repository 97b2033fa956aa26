namespace Ory.Identity.QuickStart;

/// <summary>The QuickStart's <c>--storage inmemory|sqlite|postgres</c> switch.</summary>
internal static class QuickStartStorage
{
    public static OryIdentityBuilder UseQuickStartStorage(this OryIdentityBuilder builder, IConfiguration configuration, string contentRoot)
    {
        var storage = configuration["storage"] ?? "sqlite";
        switch (storage)
        {
            case "inmemory":
                return builder.UseInMemoryStorage();
            case "sqlite":
                var file = configuration["sqlite"] ?? Path.Combine(contentRoot, "data", "identities.db");
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                return builder.UseSqliteStorage($"Data Source={file}");
            case "postgres":
                var connectionString = configuration["postgres"]
                    ?? throw new InvalidOperationException("--storage postgres needs --postgres \"Host=…;Username=…;Password=…;Database=…\".");
                return builder.UsePostgreSqlStorage(connectionString);
            default:
                throw new InvalidOperationException($"--storage must be inmemory, sqlite or postgres, got \"{storage}\".");
        }
    }
}
