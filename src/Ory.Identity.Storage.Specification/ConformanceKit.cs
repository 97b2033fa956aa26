namespace Ory.Identity.Storage.Specification;

/// <summary>
/// What every conformance kit shares: its cases, found by <see cref="ConformanceCaseAttribute"/> and run by name, so a
/// store's test class needs one data-driven test of whatever framework it uses (xunit v2 or v3, NUnit, MSTest).
/// </summary>
/// <remarks>
/// With xunit (v2 or v3) the whole adapter is one theory over the kit's <c>Cases</c>:
/// <code>
/// [Theory]
/// [MemberData(nameof(Cases))]
/// public Task Conforms(string @case) => RunCaseAsync(@case);
/// </code>
/// Each case runs on a fresh instance: <see cref="SetUpAsync"/>, the case, then <see cref="TearDownAsync"/> (also when
/// the case fails). A failing case throws <see cref="ConformanceFailedException"/> whose message starts with the case's
/// name and says what was expected and what was found (any other exception of the case is its inner exception).
/// </remarks>
public abstract class ConformanceKit
{
    /// <summary>Runs before each case (e.g. creates a fresh database); the default does nothing.</summary>
    protected virtual Task SetUpAsync() => Task.CompletedTask;

    /// <summary>Runs after each case, also when it failed; the default does nothing.</summary>
    protected virtual Task TearDownAsync() => Task.CompletedTask;

    /// <summary>Runs the case named <paramref name="name"/> (one of the kit's <c>Cases</c>) between set-up and tear-down.</summary>
    /// <exception cref="ArgumentException">The kit has no case of that name.</exception>
    /// <exception cref="ConformanceFailedException">The case failed: the message starts with its name.</exception>
    protected async Task RunCaseAsync(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ConformanceCase.Of(GetType()).TryGetValue(name, out var found))
        {
            throw new ArgumentException($"{GetType().Name} has no conformance case named {Expectation.Quote(name)}.", nameof(name));
        }

        await SetUpAsync();
        try
        {
            await found.InvokeAsync(this);
        }
        catch (Exception failure)
        {
            // Test reports may cut a long case name; the failure's first words are the whole name.
            throw new ConformanceFailedException($"{name}: {failure.Message}", failure);
        }
        finally
        {
            await TearDownAsync();
        }
    }

    /// <summary>The names of the cases of <typeparamref name="TKit"/>, one row each, for a data-driven test.</summary>
    protected static IEnumerable<object[]> CasesOf<TKit>()
        where TKit : ConformanceKit => ConformanceCase.Of(typeof(TKit)).Keys.Select(name => new object[] { name });
}
