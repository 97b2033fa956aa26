using Ory.Identity.Fuzz.Tests.Http;

namespace Ory.Identity.Fuzz.Tests.Catalog;

/// <summary>One route of the running application as fuzzing sees it: its pattern, methods and the listener it answers on.</summary>
/// <param name="Api">The listener (admin or public port).</param>
/// <param name="Pattern">The route pattern, e.g. <c>/admin/identities/{id}</c>.</param>
/// <param name="Methods">The HTTP methods it accepts.</param>
public sealed record FuzzEndpoint(FuzzApi Api, string Pattern, IReadOnlyList<string> Methods)
{
    /// <summary>The pattern without Kratos's <c>/admin</c> prefix: the admin routes and their legacy twins share seeds.</summary>
    public string SeedKey => Pattern.StartsWith("/admin/", StringComparison.Ordinal) ? Pattern["/admin".Length..] : Pattern;
}
