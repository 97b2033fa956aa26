using System.Collections.Concurrent;
using System.Reflection;

namespace Ory.Identity.Tests.Support;

/// <summary>A pass-through proxy of a store contract that records the name of every call, in order.</summary>
/// <typeparam name="TStore">The store contract.</typeparam>
public class RecordingStoreProxy<TStore> : DispatchProxy
    where TStore : class
{
    private TStore _inner = null!;

    /// <summary>The names of the calls so far, oldest first.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>The arguments of the calls so far, oldest first.</summary>
    public ConcurrentQueue<object?[]> Arguments { get; } = new();

    /// <summary>A proxy of this type that records and forwards every call to <paramref name="inner"/>.</summary>
    public TStore Wrapping(TStore inner)
    {
        _inner = inner;
        return (TStore)(object)this;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Calls.Enqueue(targetMethod.Name);
        Arguments.Enqueue(args ?? []);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
