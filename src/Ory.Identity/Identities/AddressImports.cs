using NodaTime;

namespace Ory.Identity;

/// <summary>
/// Turns verifiable and recovery addresses supplied on create into stored form (Kratos's x/normalize.go and identity/handler_import.go): values normalized and
/// lower-cased, a missing via is email, status derived when missing, <c>verified_at</c> defaulting to now when verified
/// and cleared when not.
/// </summary>
internal static class AddressImports
{
    public static IReadOnlyList<VerifiableAddress> ToVerifiable(IReadOnlyList<VerifiableAddressImport>? imports, Instant now)
    {
        if (imports is null || imports.Count == 0)
        {
            return [];
        }

        var result = new VerifiableAddress[imports.Count];
        for (var i = 0; i < imports.Count; i++)
        {
            var import = imports[i] ?? throw new InvalidRequestException("verifiable_addresses must not contain null.");
            result[i] = new VerifiableAddress
            {
                Id = UuidV7.New(now),
                Value = IdentifierNormalizer.NormalizeGraceful(import.Value ?? string.Empty),
                Via = import.Via ?? AddressVia.Email,
                Verified = import.Verified,
                Status = import.Status ?? (import.Verified ? VerifiableAddressStatus.Completed : VerifiableAddressStatus.Pending),
                VerifiedAt = import.Verified ? import.VerifiedAt ?? now : null,
                CreatedAt = now,
                UpdatedAt = now,
            };
        }

        return result;
    }

    public static IReadOnlyList<RecoveryAddress> ToRecovery(IReadOnlyList<RecoveryAddressImport>? imports, Instant now)
    {
        if (imports is null || imports.Count == 0)
        {
            return [];
        }

        var result = new RecoveryAddress[imports.Count];
        for (var i = 0; i < imports.Count; i++)
        {
            var import = imports[i] ?? throw new InvalidRequestException("recovery_addresses must not contain null.");
            result[i] = new RecoveryAddress
            {
                Id = UuidV7.New(now),
                Value = IdentifierNormalizer.NormalizeGraceful(import.Value ?? string.Empty),
                Via = import.Via ?? AddressVia.Email,
                CreatedAt = now,
                UpdatedAt = now,
            };
        }

        return result;
    }
}
