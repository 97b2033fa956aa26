using System.Collections;

namespace Ory.Identity.Storage.Specification;

/// <summary>Rows of two arguments for a <see cref="ConformanceCaseSourceAttribute"/>, written as a collection initializer.</summary>
internal sealed class ConformanceCaseRows<T1, T2> : IEnumerable<object?[]>
{
    private readonly List<object?[]> _rows = [];

    /// <summary>Adds one row.</summary>
    public void Add(T1 first, T2 second) => _rows.Add([first, second]);

    /// <inheritdoc />
    public IEnumerator<object?[]> GetEnumerator() => _rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
