using System.Collections;
using System.Text.Json;
using System.Diagnostics.CodeAnalysis;

namespace Ory.Identity;

/// <summary>
/// An identity's credentials by type as the manager builds them: immutable, in insertion order, one array of the
/// entries (an identity holds a handful of credential types at most, so a linear lookup beats hashing and a
/// <see cref="Dictionary{TKey,TValue}"/> would cost three times the memory).
/// </summary>
internal sealed class CredentialsMap : IReadOnlyDictionary<CredentialsType, IdentityCredentials>
{
    private readonly KeyValuePair<CredentialsType, IdentityCredentials>[] _items;
    private readonly int _count;

    private CredentialsMap(KeyValuePair<CredentialsType, IdentityCredentials>[] items, int count)
    {
        _items = items;
        _count = count;
    }

    /// <inheritdoc />
    public int Count => _count;

    /// <inheritdoc />
    public IEnumerable<CredentialsType> Keys
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _items[i].Key;
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<IdentityCredentials> Values
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _items[i].Value;
            }
        }
    }

    /// <summary>The entries, in insertion order.</summary>
    public ReadOnlySpan<KeyValuePair<CredentialsType, IdentityCredentials>> Items => _items.AsSpan(0, _count);

    /// <inheritdoc />
    public IdentityCredentials this[CredentialsType key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The identity has no {key.Value} credential.");

    /// <inheritdoc />
    public bool ContainsKey(CredentialsType key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(CredentialsType key, [MaybeNullWhen(false)] out IdentityCredentials value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _items[index].Value : null;
        return index >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<CredentialsType, IdentityCredentials>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The same credentials with <see cref="IdentityCredentials.Config"/> removed, except for the types in
    /// <paramref name="includeConfigOf"/> (never for <see cref="CredentialsType.ApiKey"/>); <paramref name="credentials"/>
    /// itself when nothing changes.
    /// </summary>
    public static IReadOnlyDictionary<CredentialsType, IdentityCredentials> WithoutConfig(
        IReadOnlyDictionary<CredentialsType, IdentityCredentials> credentials, IReadOnlyCollection<CredentialsType>? includeConfigOf)
    {
        // Most views change nothing (no config to remove, none to show): then nothing is allocated.
        if (!ChangesAny(credentials is CredentialsMap map ? map.Items : [.. credentials], includeConfigOf))
        {
            return credentials;
        }

        var builder = new Builder(credentials.Count);
        foreach (var (type, credential) in credentials)
        {
            builder.Set(type, Shown(type, credential, includeConfigOf));
        }

        return builder.ToMap();
    }

    private static bool ChangesAny(ReadOnlySpan<KeyValuePair<CredentialsType, IdentityCredentials>> items, IReadOnlyCollection<CredentialsType>? includeConfigOf)
    {
        foreach (var (type, credential) in items)
        {
            // A kept config changes when it is missing (shown as {}), a removed one when it is there.
            if (KeepsConfig(type, includeConfigOf) == credential.Config is null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Kratos's empty credential config, <c>{}</c>. A credential without config (null) stands for it: the manager does not
    /// store an empty object, and views that show configs show this one.
    /// </summary>
    public static JsonElement EmptyConfig { get; } = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>
    /// The same credentials with every missing config shown as <see cref="EmptyConfig"/>, as Kratos's JSON with configs has
    /// them; <paramref name="credentials"/> itself when none is missing.
    /// </summary>
    public static IReadOnlyDictionary<CredentialsType, IdentityCredentials> WithEmptyConfigsShown(
        IReadOnlyDictionary<CredentialsType, IdentityCredentials> credentials)
    {
        var builder = new Builder(credentials.Count);
        var changed = false;
        foreach (var (type, credential) in credentials)
        {
            changed |= credential.Config is null;
            builder.Set(type, credential.Config is null ? credential with { Config = EmptyConfig } : credential);
        }

        return changed ? builder.ToMap() : credentials;
    }

    // The credential without its config unless includeConfigOf names the type (then a missing config shows as the empty
    // one); the credential itself when that changes nothing.
    private static IdentityCredentials Shown(CredentialsType type, IdentityCredentials credential, IReadOnlyCollection<CredentialsType>? includeConfigOf) =>
        KeepsConfig(type, includeConfigOf)
            ? credential.Config is null ? credential with { Config = EmptyConfig } : credential
            : credential.Config is null ? credential : credential with { Config = null };

    // API key configs (keyed hashes) are never shown.
    private static bool KeepsConfig(CredentialsType type, IReadOnlyCollection<CredentialsType>? includeConfigOf) =>
        includeConfigOf is not null && type != CredentialsType.ApiKey && includeConfigOf.Contains(type);

    private int IndexOf(CredentialsType key)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_items[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Collects entries for a new map; adding a type again replaces its entry in place.</summary>
    /// <param name="capacity">The most entries the map will hold.</param>
    public struct Builder(int capacity)
    {
        private KeyValuePair<CredentialsType, IdentityCredentials>[] _items =
            capacity == 0 ? [] : new KeyValuePair<CredentialsType, IdentityCredentials>[capacity];

        private int _count;

        /// <summary>The number of entries so far.</summary>
        public readonly int Count => _count;

        /// <summary>Starts from the entries of <paramref name="source"/>, with room for <paramref name="extra"/> more types.</summary>
        public static Builder From(IReadOnlyDictionary<CredentialsType, IdentityCredentials> source, int extra)
        {
            var builder = new Builder(source.Count + extra);
            if (source is CredentialsMap map)
            {
                map.Items.CopyTo(builder._items);
                builder._count = map.Count;
                return builder;
            }

            foreach (var item in source)
            {
                builder._items[builder._count++] = item;
            }

            return builder;
        }

        /// <summary>The entry for <paramref name="type"/>, if any.</summary>
        public readonly bool TryGetValue(CredentialsType type, [MaybeNullWhen(false)] out IdentityCredentials value)
        {
            for (var i = 0; i < _count; i++)
            {
                if (_items[i].Key == type)
                {
                    value = _items[i].Value;
                    return true;
                }
            }

            value = null;
            return false;
        }

        /// <summary>Sets the entry for <paramref name="type"/>: replaces it where it is, or appends it.</summary>
        public void Set(CredentialsType type, IdentityCredentials value)
        {
            for (var i = 0; i < _count; i++)
            {
                if (_items[i].Key == type)
                {
                    _items[i] = KeyValuePair.Create(type, value);
                    return;
                }
            }

            if (_count == _items.Length)
            {
                Array.Resize(ref _items, Math.Max(4, _count * 2));
            }

            _items[_count++] = KeyValuePair.Create(type, value);
        }

        /// <summary>The map; the builder must not be used afterwards.</summary>
        public readonly IReadOnlyDictionary<CredentialsType, IdentityCredentials> ToMap() =>
            _count == 0 ? Identity.EmptyCredentials : new CredentialsMap(_items, _count);
    }
}
