namespace Ory.Identity.Browser.Tests.Support;

/// <summary>Folders of the repository the tests run from (found by walking up to <c>Ory.Identity.sln</c>).</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The QuickStart sample's folder.</summary>
    public static string QuickStart => Path.Combine(Root, "samples", "Ory.Identity.QuickStart");

    /// <summary>Where the screenshots of a run go: <c>.ci/out/browser</c> (ignored by git).</summary>
    public static string Screenshots => Path.Combine(Root, ".ci", "out", "browser");

    /// <summary>Where the documentation's screenshots live: <c>docs/images</c> (committed).</summary>
    public static string DocsImages => Path.Combine(Root, "docs", "images");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ory.Identity.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Ory.Identity.sln was not found above {AppContext.BaseDirectory}.");
    }
}
