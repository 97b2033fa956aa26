
namespace Ory.Identity.Storage.Specification;

/// <summary>
/// What every conformance kit shares: one store per test, created on first use and disposed after the test, and a
/// helper to run work in parallel.
/// </summary>
/// <typeparam name="TStore">The store contract under test.</typeparam>
/// <remarks>
/// Each case runs on a fresh instance of the derived class (as xunit creates one per test) and so calls
/// <see cref="CreateStore"/> once, even when parallel tasks use <see cref="Store"/> first; the store is disposed after
/// the case when it implements <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/>.
/// </remarks>
public abstract class StoreSpecification<TStore> : ConformanceKit
    where TStore : class
{
    private readonly Lazy<TStore> _store;

    /// <summary>Prepares the store to be created on first use, once, even when the first uses race.</summary>
    protected StoreSpecification() => _store = new Lazy<TStore>(CreateStore);

    /// <summary>The token every store call in the kit passes.</summary>
    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>The store under test (created on first use).</summary>
    protected TStore Store => _store.Value;

    /// <summary>Creates a new, empty store for one test.</summary>
    protected abstract TStore CreateStore();

    /// <summary>Disposes the store after the case, when it was created and is disposable.</summary>
    protected override async Task TearDownAsync()
    {
        if (!_store.IsValueCreated)
        {
            return;
        }

        switch (_store.Value)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>Runs <paramref name="work"/> on <paramref name="count"/> thread-pool tasks released together.</summary>
    protected static async Task RunInParallelAsync(int count, Func<int, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            await work(i);
        })).ToList();
        gate.SetResult();
        await Task.WhenAll(tasks);
    }
}
