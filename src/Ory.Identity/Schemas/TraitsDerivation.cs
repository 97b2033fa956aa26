using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// What validating traits against an identity schema yields: the traits as stored (phone traits rewritten to E.164),
/// and everything the <c>ory.sh/kratos</c> extension derives from them, normalized and de-duplicated.
/// </summary>
internal readonly record struct TraitsDerivation
{
    /// <summary>The traits to store (Kratos's identity/extension_*.go: sms-marked phone values in E.164).</summary>
    public required JsonElement Traits { get; init; }

    /// <summary>Password identifiers, gracefully normalized, de-duplicated, in document order.</summary>
    public required IReadOnlyList<string> PasswordIdentifiers { get; init; }

    /// <summary>WebAuthn identifiers, gracefully normalized, de-duplicated, in document order.</summary>
    public required IReadOnlyList<string> WebAuthnIdentifiers { get; init; }

    /// <summary>Code credential addresses, de-duplicated on (address, channel), sorted by address then channel (ordinal).</summary>
    public required IReadOnlyList<DerivedAddress> CodeAddresses { get; init; }

    /// <summary>Whether any trait is marked <c>credentials.code.identifier</c> (then a code credential exists even if empty).</summary>
    public required bool HasCodeIdentifierTraits { get; init; }

    /// <summary>Whether any trait is marked <c>credentials.password.identifier</c>.</summary>
    public required bool HasPasswordIdentifierTraits { get; init; }

    /// <summary>Whether any trait is marked <c>credentials.webauthn.identifier</c>.</summary>
    public required bool HasWebAuthnIdentifierTraits { get; init; }

    /// <summary>Verification addresses, normalized, de-duplicated on (via, value), in document order.</summary>
    public required IReadOnlyList<DerivedAddress> VerifiableAddresses { get; init; }

    /// <summary>Recovery addresses, normalized, de-duplicated on (via, value), in document order.</summary>
    public required IReadOnlyList<DerivedAddress> RecoveryAddresses { get; init; }
}
