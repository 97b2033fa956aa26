using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Ory.Identity;

/// <summary>
/// One public operation of Ory.Identity, traced and timed: a span named <see cref="Name"/> from
/// <see cref="OryIdentityDiagnostics.ActivitySource"/> and a measurement of
/// <see cref="OryIdentityDiagnostics.OperationDuration"/>, both tagged <c>ory.identity.operation</c> = <see cref="Name"/>
/// and, on failure, <c>error.type</c> = the exception's full type name. Nothing else is tagged: no identifier, trait,
/// token or code. When nobody listens, the operation runs as is: one check, no allocation.
/// </summary>
internal sealed class OryIdentityOperation
{
    /// <summary>The tag naming the operation.</summary>
    public const string OperationTag = "ory.identity.operation";

    /// <summary>OpenTelemetry's tag for the kind of failure.</summary>
    public const string ErrorTypeTag = "error.type";

    private readonly KeyValuePair<string, object?> _operationTag;

    public OryIdentityOperation(string name)
    {
        Name = name;
        _operationTag = new(OperationTag, name);
    }

    /// <summary>The operation's name, e.g. <c>identity.create</c>; also the span's name.</summary>
    public string Name { get; }

    private static bool Observed => OryIdentityDiagnostics.OperationDuration.Enabled || OryIdentityDiagnostics.ActivitySource.HasListeners();

    /// <summary>Runs <paramref name="body"/> with <paramref name="state"/> (a static lambda allocates nothing).</summary>
    public Task<TResult> RunAsync<TState, TResult>(TState state, Func<TState, Task<TResult>> body) =>
        Observed ? ObserveAsync(state, body) : body(state);

    /// <summary>Runs <paramref name="body"/> with <paramref name="state"/>.</summary>
    public Task RunAsync<TState>(TState state, Func<TState, Task> body) =>
        Observed ? ObserveAsync(state, body) : body(state);

    /// <summary>Runs <paramref name="body"/> with <paramref name="state"/>.</summary>
    public ValueTask<TResult> RunAsync<TState, TResult>(TState state, Func<TState, ValueTask<TResult>> body) =>
        Observed ? new(ObserveAsync((state, body), static s => s.body(s.state).AsTask())) : body(state);

    /// <summary>Enumerates <paramref name="items"/>, the whole enumeration being the operation.</summary>
    public IAsyncEnumerable<T> Run<T>(IAsyncEnumerable<T> items) => Observed ? ObserveAll(items) : items;

    private async Task<TResult> ObserveAsync<TState, TResult>(TState state, Func<TState, Task<TResult>> body)
    {
        using var measurement = new Measurement(this);
        try
        {
            return await body(state).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            measurement.Fail(e);
            throw;
        }
    }

    private async Task ObserveAsync<TState>(TState state, Func<TState, Task> body)
    {
        using var measurement = new Measurement(this);
        try
        {
            await body(state).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            measurement.Fail(e);
            throw;
        }
    }

    private async IAsyncEnumerable<T> ObserveAll<T>(IAsyncEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var measurement = new Measurement(this);
        await using var enumerator = items.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (Exception e)
            {
                measurement.Fail(e);
                throw;
            }

            yield return enumerator.Current;
        }
    }

    /// <summary>The span and the clock of one run; disposing records the duration, with the failure if any.</summary>
    private sealed class Measurement : IDisposable
    {
        private readonly OryIdentityOperation _operation;
        private readonly long _started;
        private readonly Activity? _activity;
        private string? _errorType;

        public Measurement(OryIdentityOperation operation)
        {
            _operation = operation;
            _started = Stopwatch.GetTimestamp();
            _activity = OryIdentityDiagnostics.ActivitySource.StartActivity(operation.Name);
            _activity?.SetTag(OperationTag, operation.Name);
        }

        public void Fail(Exception e)
        {
            _errorType = e.GetType().FullName;
            _activity?.SetTag(ErrorTypeTag, _errorType);
            _activity?.SetStatus(ActivityStatusCode.Error);
        }

        public void Dispose()
        {
            var elapsed = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            if (_errorType is null)
            {
                OryIdentityDiagnostics.OperationDuration.Record(elapsed, _operation._operationTag);
            }
            else
            {
                OryIdentityDiagnostics.OperationDuration.Record(elapsed, _operation._operationTag, new(ErrorTypeTag, _errorType));
            }

            _activity?.Dispose();
        }
    }
}
