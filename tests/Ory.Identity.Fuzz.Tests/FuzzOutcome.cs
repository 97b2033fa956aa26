using Ory.Identity.Fuzz.Tests.Report;

namespace Ory.Identity.Fuzz.Tests;

/// <summary>
/// What a fuzz run did: its failures, how many cases ran in how long (of which how long went into reading the store
/// for the comparisons), and whether the budget cut it short.
/// </summary>
public sealed record FuzzOutcome(IReadOnlyList<FuzzFailure> Failures, int CasesRun, TimeSpan Elapsed, TimeSpan StoreReading, bool StoppedByBudget);
