namespace Ory.Identity.Tests.Serialization;

/// <summary>
/// src/Ory.Identity/Serialization/Generated/ (OryIdentityJsonContext's checked-in metadata) is what
/// tools/Ory.Identity.JsonMetadata.Generator generates from today's sources; tools/regenerate-json-metadata.sh mends it.
/// </summary>
public sealed class JsonMetadataFreshnessTests
{
    [Fact]
    public void The_checked_in_json_metadata_equals_what_the_generator_project_emits()
    {
        var root = RepositoryRoot();
        var emitted = Path.Combine(root, "tools", "Ory.Identity.JsonMetadata.Generator", "obj", "generated",
            "System.Text.Json.SourceGeneration", "System.Text.Json.SourceGeneration.JsonSourceGenerator");
        var checkedIn = Path.Combine(root, "src", "Ory.Identity", "Serialization", "Generated");
        Directory.Exists(emitted).Should().BeTrue($"the generator project is built with the solution and emits into {emitted}");

        var expected = Files(emitted);
        var actual = Files(checkedIn);

        actual.Keys.Should().BeEquivalentTo(expected.Keys, "run tools/regenerate-json-metadata.sh");
        foreach (var (name, text) in expected)
        {
            actual[name].Should().Be(text, $"{name} is stale: run tools/regenerate-json-metadata.sh");
        }
    }

    private static Dictionary<string, string> Files(string folder) =>
        Directory.GetFiles(folder, "OryIdentityJsonContext*.g.cs")
            .ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f).ReplaceLineEndings("\n"));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ory.Identity.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Ory.Identity.sln is not above the test's folder.");
    }
}
