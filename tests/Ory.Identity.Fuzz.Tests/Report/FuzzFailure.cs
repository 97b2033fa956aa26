using Ory.Identity.Fuzz.Tests.Http;
using Ory.Identity.Fuzz.Tests.Oracle;
using Ory.Identity.Fuzz.Tests.Server;

namespace Ory.Identity.Fuzz.Tests.Report;

/// <summary>One broken expectation: which store, seed and case, what broke, and the request that broke it.</summary>
/// <param name="Store">The store the server ran on.</param>
/// <param name="Seed">The run's seed (<c>ORY_FUZZ_SEED</c>).</param>
/// <param name="Case">The case's index in the run.</param>
/// <param name="Kind">What broke.</param>
/// <param name="Detail">The status and what was wrong with the answer or the store (no values).</param>
/// <param name="Request">The request.</param>
/// <param name="Response">The answer, or null when there was none.</param>
public sealed record FuzzFailure(FuzzStore Store, int Seed, int Case, FailureKind Kind, string Detail, FuzzRequest Request, RawResponse? Response)
{
    /// <summary>Never prints the request's headers or body, nor the answer: they may hold secrets.</summary>
    public override string ToString() => $"{Kind} on {Store}, case {Case}: {Request} {Detail}";
}
