using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// Kratos's limits on one batch of <c>PATCH /admin/identities</c> and the texts of its refusals (identity/handler.go,
/// batchPatchIdentities), for the manager and the HTTP decoder alike.
/// </summary>
internal static class IdentityBatchLimits
{
    /// <summary>The most items a batch may hold.</summary>
    public const int MaxItems = 1000;

    /// <summary>The most batch items that may carry a cleartext password.</summary>
    public const int MaxCleartextPasswords = 200;

    /// <summary>Kratos's 400 text for a batch of more than <see cref="MaxItems"/>.</summary>
    public const string TooManyItems = "The maximum number of identities per request that can be created or deleted at once is 1000.";

    /// <summary>Kratos's 400 text for more than <see cref="MaxCleartextPasswords"/> items with a cleartext password.</summary>
    public const string TooManyCleartextPasswords = "The maximum number of identities per request that can be created with a plaintext password is 200.";

    /// <summary>
    /// Whether a create request carries a cleartext password (a non-empty <c>credentials.password.config.password</c>),
    /// which counts towards <see cref="MaxCleartextPasswords"/>.
    /// </summary>
    public static bool HasCleartextPassword(CreateIdentityRequest? request) =>
        request?.Credentials?.Password?.Config is { ValueKind: JsonValueKind.Object } config
        && config.TryGetProperty("password", out var password)
        && password.ValueKind == JsonValueKind.String
        && password.GetString()!.Length > 0;
}
