namespace Ory.Identity;

/// <summary>
/// Values in the order first added, each kept once (<see cref="EqualityComparer{T}.Default"/>), for
/// <see cref="ExtensionDeriver"/>. The first value is kept inline: most schemas derive one value per purpose, and then no
/// list is touched.
/// </summary>
/// <remarks>A mutable struct: use it only as a field, never through a copy.</remarks>
/// <typeparam name="T">The value.</typeparam>
internal struct DistinctList<T>
{
    private T _first;

    // The values after the first; kept allocated (and cleared) between uses of the owner.
    private List<T>? _more;

    /// <summary>How many distinct values were added.</summary>
    public int Count { get; private set; }

    /// <summary>The first value added; only when <see cref="Count"/> is above zero.</summary>
    public readonly T First => _first;

    /// <summary>Adds <paramref name="item"/> unless an equal value is held.</summary>
    public void Add(T item)
    {
        if (Count == 0)
        {
            _first = item;
            Count = 1;
            return;
        }

        if (EqualityComparer<T>.Default.Equals(_first, item) || (Count > 1 && _more!.Contains(item)))
        {
            return;
        }

        (_more ??= new List<T>(2)).Add(item);
        Count++;
    }

    /// <summary>The values in the order added, in a new array of exact size (a shared empty one when there are none).</summary>
    public readonly T[] ToArray()
    {
        if (Count == 0)
        {
            return [];
        }

        var values = new T[Count];
        values[0] = _first;
        _more?.CopyTo(values, 1);
        return values;
    }

    /// <summary>Forgets every value (dropping the references to them).</summary>
    public void Clear()
    {
        if (Count == 0)
        {
            return;
        }

        _first = default!;
        if (Count > 1)
        {
            _more!.Clear();
        }

        Count = 0;
    }
}
