namespace Ory.Identity.Fuzz.Tests.Mutation;

/// <summary>Picking one of a few options with the case's random source.</summary>
internal static class RandomPicks
{
    public static T Pick<T>(this Random rng, IReadOnlyList<T> options) => options[rng.Next(options.Count)];
}
