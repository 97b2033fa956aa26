using System.Text.Json;

namespace Ory.Identity.Tests.Support;

/// <summary>One password/hash pair from Kratos's tests (TestData/hash-vectors.json).</summary>
internal sealed record HashVector(string Format, string Password, string Hash, bool Valid, string Note);

/// <summary>Kratos's hash vectors: 145 pairs, 50 that must verify and 95 that must not.</summary>
internal static class HashVectors
{
    private static readonly Lazy<IReadOnlyList<HashVector>> Vectors = new(Load);

    public static IReadOnlyList<HashVector> All => Vectors.Value;

    private static List<HashVector> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "hash-vectors.json")));
        return document.RootElement.EnumerateArray().Select(e => new HashVector(
            e.GetProperty("format").GetString()!,
            e.GetProperty("password").GetString()!,
            e.GetProperty("hash").GetString()!,
            e.GetProperty("valid").GetBoolean(),
            e.TryGetProperty("note", out var note) ? note.GetString()! : string.Empty)).ToList();
    }
}
