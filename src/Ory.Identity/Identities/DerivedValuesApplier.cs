using System.Text.Json;
using NodaTime;

namespace Ory.Identity;

/// <summary>
/// Applies what the <c>ory.sh/kratos</c> extension derived from traits to an identity (Kratos's identity/extension_*.go): rebuilds the address
/// lists (keeping the verification state and ids of addresses that stay), and the identifiers of the password,
/// webauthn and code credentials.
/// </summary>
internal static class DerivedValuesApplier
{
    /// <summary>Returns <paramref name="identity"/> with addresses and schema-derived credentials rebuilt.</summary>
    /// <param name="identity">The identity with its new traits already set (from <paramref name="derivation"/>).</param>
    /// <param name="derivation">What the schema derived.</param>
    /// <param name="knownVerifiable">Existing or imported verifiable addresses whose state is kept when derived again.</param>
    /// <param name="knownRecovery">Existing recovery addresses whose ids are kept when derived again.</param>
    /// <param name="now">The current instant.</param>
    public static Identity Apply(
        Identity identity,
        in TraitsDerivation derivation,
        IReadOnlyList<VerifiableAddress> knownVerifiable,
        IReadOnlyList<RecoveryAddress> knownRecovery,
        Instant now)
    {
        return identity with
        {
            Traits = derivation.Traits,
            VerifiableAddresses = BuildVerifiable(derivation.VerifiableAddresses, knownVerifiable, now),
            RecoveryAddresses = BuildRecovery(derivation.RecoveryAddresses, knownRecovery, now),
            Credentials = BuildCredentials(identity.Credentials, derivation, now),
        };
    }

    /// <summary>The verifiable addresses for <paramref name="derived"/>, keeping those of <paramref name="known"/> that stay.</summary>
    public static VerifiableAddress[] BuildVerifiable(
        IReadOnlyList<DerivedAddress> derived, IReadOnlyList<VerifiableAddress> known, Instant now) =>
        Rebuild(derived, known, now, static k => (k.Via, k.Value), static (address, now) => new VerifiableAddress
        {
            Id = UuidV7.New(now),
            Value = address.Value,
            Via = address.Via,
            Verified = false,
            Status = VerifiableAddressStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        });

    /// <summary>The recovery addresses for <paramref name="derived"/>, keeping those of <paramref name="known"/> that stay.</summary>
    public static RecoveryAddress[] BuildRecovery(
        IReadOnlyList<DerivedAddress> derived, IReadOnlyList<RecoveryAddress> known, Instant now) =>
        Rebuild(derived, known, now, static k => (k.Via, k.Value), static (address, now) => new RecoveryAddress
        {
            Id = UuidV7.New(now),
            Value = address.Value,
            Via = address.Via,
            CreatedAt = now,
            UpdatedAt = now,
        });

    // The result holds exactly the derived addresses, in derived order; a known address with the same via and value is
    // kept as it is (id, verification state), any other is created (at now; static delegates, so nothing is captured).
    private static T[] Rebuild<T>(
        IReadOnlyList<DerivedAddress> derived,
        IReadOnlyList<T> known,
        Instant now,
        Func<T, (AddressVia Via, string Value)> keyOf,
        Func<DerivedAddress, Instant, T> create)
    {
        if (derived.Count == 0)
        {
            return [];
        }

        var result = new T[derived.Count];
        for (var i = 0; i < derived.Count; i++)
        {
            var address = derived[i];
            T? match = default;
            for (var k = 0; k < known.Count; k++)
            {
                var candidate = known[k];
                var (via, value) = keyOf(candidate);
                if (via == address.Via && string.Equals(value, address.Value, StringComparison.Ordinal))
                {
                    match = candidate;
                    break;
                }
            }

            result[i] = match ?? create(address, now);
        }

        return result;
    }

    /// <summary><paramref name="current"/> with the identifiers of schema-derived credentials set from <paramref name="derivation"/>.</summary>
    public static IReadOnlyDictionary<CredentialsType, IdentityCredentials> BuildCredentials(
        IReadOnlyDictionary<CredentialsType, IdentityCredentials> current, in TraitsDerivation derivation, Instant now)
    {
        var touchesPassword = derivation.HasPasswordIdentifierTraits || current.ContainsKey(CredentialsType.Password);
        var touchesWebAuthn = derivation.HasWebAuthnIdentifierTraits || current.ContainsKey(CredentialsType.WebAuthn);
        var touchesCode = derivation.HasCodeIdentifierTraits || current.ContainsKey(CredentialsType.Code);
        if (!touchesPassword && !touchesWebAuthn && !touchesCode)
        {
            return current;
        }

        // Room for each derived type that is new.
        var extra = (touchesPassword ? 1 : 0) + (touchesWebAuthn ? 1 : 0) + (touchesCode ? 1 : 0);
        var result = CredentialsMap.Builder.From(current, extra);
        if (touchesPassword)
        {
            SetIdentifiers(ref result, CredentialsType.Password, derivation.PasswordIdentifiers, version: 1, config: null, now);
        }

        if (touchesWebAuthn)
        {
            SetIdentifiers(ref result, CredentialsType.WebAuthn, derivation.WebAuthnIdentifiers, version: 0, config: null, now);
        }

        if (touchesCode)
        {
            var identifiers = derivation.CodeAddresses.Select(a => a.Value).Distinct(StringComparer.Ordinal).ToArray();
            SetIdentifiers(ref result, CredentialsType.Code, identifiers, version: 1, CodeConfig(derivation.CodeAddresses), now);
        }

        return result.ToMap();
    }

    // A credential the schema derives identifiers for is created (with Kratos's empty config {}, which a missing config
    // stands for; see CredentialsMap.EmptyConfig) once it has identifiers; an existing one gets the derived identifiers,
    // replacing the previous ones (Kratos's identity/extension_*.go).
    private static void SetIdentifiers(
        ref CredentialsMap.Builder credentials,
        CredentialsType type,
        IReadOnlyList<string> identifiers,
        int version,
        JsonElement? config,
        Instant now)
    {
        if (credentials.TryGetValue(type, out var existing))
        {
            if (existing.Identifiers.SequenceEqual(identifiers, StringComparer.Ordinal) && config is null)
            {
                return;
            }

            credentials.Set(type, existing with
            {
                Identifiers = identifiers,
                Config = config ?? existing.Config,
                Version = Math.Max(existing.Version, version),
                UpdatedAt = now,
            });
            return;
        }

        if (identifiers.Count == 0)
        {
            return;
        }

        credentials.Set(type, new IdentityCredentials
        {
            Type = type,
            Identifiers = identifiers,
            Config = config,
            Version = version,
            CreatedAt = now,
            UpdatedAt = now,
        });
    }

    private static JsonElement CodeConfig(IReadOnlyList<DerivedAddress> addresses)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("addresses");
            foreach (var address in addresses)
            {
                writer.WriteStartObject();
                writer.WriteString("channel", address.Via == AddressVia.Sms ? "sms" : "email");
                writer.WriteString("address", address.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
