using System.Runtime.CompilerServices;

namespace Ory.Identity;

/// <summary>
/// What authentication needs of one stored identity, computed once per identity instance: the admin view, the key
/// records by id with their hashes decoded, and the success result per key. Stores that hand out their stored
/// (immutable) instance, such as the in-memory store, make repeated authentications allocation-free; a changed identity
/// is a new instance, so a revocation or deactivation is seen at once.
/// </summary>
internal sealed class ApiKeyIdentityView
{
    private static readonly ConditionalWeakTable<Identity, ApiKeyIdentityView> Cache = new();

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byId;
    private readonly ApiKeyRecord[] _records;
    private readonly byte[][] _hashes;
    private readonly ApiKeyAuthenticationResult?[] _successes;
    private readonly Identity _adminView;

    private ApiKeyIdentityView(Identity identity)
    {
        _records = [.. ApiKeyCredential.RecordsOf(identity)];
        _hashes = new byte[_records.Length][];
        var byId = new Dictionary<string, int>(_records.Length, StringComparer.Ordinal);
        for (var i = 0; i < _records.Length; i++)
        {
            byId[_records[i].Id] = i;
            _hashes[i] = DecodeHash(_records[i].Hash);
        }

        _byId = byId.GetAlternateLookup<ReadOnlySpan<char>>();
        _successes = new ApiKeyAuthenticationResult?[_records.Length];
        _adminView = identity.ToAdminView();
        IdentityId = identity.Id;
    }

    public Guid IdentityId { get; }

    public static ApiKeyIdentityView Of(Identity identity) => Cache.GetValue(identity, static i => new ApiKeyIdentityView(i));

    /// <summary>The index of the record with this key id, or -1.</summary>
    public int Find(ReadOnlySpan<char> keyId) => _byId.TryGetValue(keyId, out var index) ? index : -1;

    public ApiKeyRecord Record(int index) => _records[index];

    public ReadOnlySpan<byte> Hash(int index) => _hashes[index];

    /// <summary>The success result for the key at <paramref name="index"/> (made once; its <c>last_used_at</c> is as stored).</summary>
    public ApiKeyAuthenticationResult Success(int index, NodaTime.Instant now) =>
        _successes[index] ??= ApiKeyAuthenticationResult.Success(_adminView, _records[index].ToApiKey(IdentityId, now));

    // A malformed stored hash matches nothing (FixedTimeEquals of different lengths is false).
    private static byte[] DecodeHash(string hex)
    {
        try
        {
            return hex.Length == ApiKeyHasher.HashLength * 2 ? Convert.FromHexString(hex) : [];
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
