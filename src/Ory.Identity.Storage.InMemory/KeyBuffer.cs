namespace Ory.Identity.Storage.InMemory;

/// <summary>
/// A reusable list of distinct keys (one kind of an identity's unique values, see <see cref="IdentityKeys"/>): a linear
/// scan finds repeats among the usual few, a hash set beyond that, so that an identity with thousands of identifiers
/// is not quadratic.
/// </summary>
/// <typeparam name="TKey">The key.</typeparam>
internal sealed class KeyBuffer<TKey>
    where TKey : IEquatable<TKey>
{
    private const int LinearLimit = 16;

    private TKey[] _items = new TKey[4];
    private int _count;
    private HashSet<TKey>? _seen;

    /// <summary>The keys added since the last <see cref="Clear"/>, in the order first added.</summary>
    public ReadOnlySpan<TKey> Items => _items.AsSpan(0, _count);

    /// <summary>Adds <paramref name="key"/> unless the list has it already.</summary>
    public void AddDistinct(TKey key)
    {
        if (_count < LinearLimit)
        {
            if (Items.Contains(key))
            {
                return;
            }
        }
        else
        {
            if (_seen is null || _seen.Count == 0)
            {
                (_seen ??= []).UnionWith(_items.AsSpan(0, _count).ToArray());
            }

            if (!_seen.Add(key))
            {
                return;
            }
        }

        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
        }

        _items[_count++] = key;
    }

    /// <summary>Empties the list and drops its references, keeping the capacity.</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
        _seen?.Clear();
    }
}
