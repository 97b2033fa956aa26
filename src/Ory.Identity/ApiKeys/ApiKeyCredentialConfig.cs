namespace Ory.Identity;

/// <summary>The config of an <c>api_key</c> credential: <c>{"keys": [...]}</c>. Its identifiers are the key ids.</summary>
internal sealed record ApiKeyCredentialConfig
{
    public required IReadOnlyList<ApiKeyRecord> Keys { get; init; }
}
