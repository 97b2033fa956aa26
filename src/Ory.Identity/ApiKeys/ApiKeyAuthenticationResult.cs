using System.Diagnostics.CodeAnalysis;

namespace Ory.Identity;

/// <summary>The outcome of <see cref="IApiKeyManager.AuthenticateAsync"/>: the identity and key, or why the key was refused.</summary>
public sealed class ApiKeyAuthenticationResult
{
    private static readonly ApiKeyAuthenticationResult[] Failures =
        Enum.GetValues<ApiKeyAuthenticationFailure>().Select(f => new ApiKeyAuthenticationResult(f)).ToArray();

    private ApiKeyAuthenticationResult(ApiKeyAuthenticationFailure failure) => Failure = failure;

    private ApiKeyAuthenticationResult(Identity identity, ApiKey key)
    {
        Identity = identity;
        Key = key;
    }

    /// <summary>Whether the key authenticated; then <see cref="Identity"/> and <see cref="Key"/> are set.</summary>
    [MemberNotNullWhen(true, nameof(Identity), nameof(Key))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>Why the key was refused; null on success.</summary>
    public ApiKeyAuthenticationFailure? Failure { get; }

    /// <summary>The authenticated machine identity (admin view: credentials without config); null on failure.</summary>
    public Identity? Identity { get; }

    /// <summary>The key that authenticated; null on failure.</summary>
    public ApiKey? Key { get; }

    /// <summary>A success.</summary>
    /// <param name="identity">The identity.</param>
    /// <param name="key">The key.</param>
    public static ApiKeyAuthenticationResult Success(Identity identity, ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(key);
        return new ApiKeyAuthenticationResult(identity, key);
    }

    /// <summary>A refusal (shared instances: failures allocate nothing).</summary>
    /// <param name="failure">Why.</param>
    public static ApiKeyAuthenticationResult Failed(ApiKeyAuthenticationFailure failure) => Failures[(int)failure];

    /// <summary>Prints the outcome and ids only, never the key.</summary>
    public override string ToString() =>
        Succeeded ? $"ApiKeyAuthenticationResult {{ Succeeded, IdentityId = {Identity.Id}, KeyId = {Key.Id} }}" : $"ApiKeyAuthenticationResult {{ Failure = {Failure} }}";
}
