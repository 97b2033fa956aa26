using NodaTime;

namespace Ory.Identity;

/// <summary>Traces and times every <see cref="IApiKeyManager"/> operation (<see cref="OryIdentityOperation"/>).</summary>
internal sealed class InstrumentedApiKeyManager(IApiKeyManager inner) : IApiKeyManager
{
    private static readonly OryIdentityOperation Issue = new("api_key.issue");
    private static readonly OryIdentityOperation List = new("api_key.list");
    private static readonly OryIdentityOperation Revoke = new("api_key.revoke");
    private static readonly OryIdentityOperation Authenticate = new("api_key.authenticate");

    public Task<IssuedApiKey> IssueAsync(Guid identityId, string name, Duration? expiresIn = null, CancellationToken cancellationToken = default) =>
        Issue.RunAsync((inner, identityId, name, expiresIn, cancellationToken), static s => s.inner.IssueAsync(s.identityId, s.name, s.expiresIn, s.cancellationToken));

    public Task<IReadOnlyList<ApiKey>> ListAsync(Guid identityId, CancellationToken cancellationToken = default) =>
        List.RunAsync((inner, identityId, cancellationToken), static s => s.inner.ListAsync(s.identityId, s.cancellationToken));

    public Task<ApiKey> RevokeAsync(Guid identityId, string keyId, CancellationToken cancellationToken = default) =>
        Revoke.RunAsync((inner, identityId, keyId, cancellationToken), static s => s.inner.RevokeAsync(s.identityId, s.keyId, s.cancellationToken));

    public ValueTask<ApiKeyAuthenticationResult> AuthenticateAsync(string? presentedKey, CancellationToken cancellationToken = default) =>
        Authenticate.RunAsync((inner, presentedKey, cancellationToken), static s => s.inner.AuthenticateAsync(s.presentedKey, s.cancellationToken));
}
