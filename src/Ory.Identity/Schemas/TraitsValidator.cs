using System.Runtime.InteropServices;
using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// Validates traits against an identity schema (the document <c>{"traits": …}</c>, format validation on) and runs the
/// <c>ory.sh/kratos</c> extension (Kratos's identity/validator.go and identity/extension_*.go), rewriting sms-marked
/// phone values to E.164.
/// </summary>
/// <remarks>
/// Two paths (<see cref="ValidationPath"/>): the fast path walks the traits with a <see cref="FastTraitsValidator"/>
/// and answers only when it is sure; the authoritative path is JsonSchema.Net 8.0.5, which gives every refusal and its
/// texts. One <see cref="ValidationScope"/> per validation holds every reused buffer and clears them when it ends.
/// </remarks>
internal static partial class TraitsValidator
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>
    /// Validates and derives on the fast path, falling back to the authoritative one; throws
    /// <see cref="IdentityValidationException"/> on violations, first of all on a NUL character anywhere in the traits
    /// (<see cref="NulCharacterRule"/>), whatever the schema says.
    /// </summary>
    public static TraitsDerivation Validate(IdentitySchema schema, JsonElement traits) =>
        Validate(schema, traits, ValidationPath.FastThenAuthoritative);

    /// <summary>
    /// <see cref="Validate(IdentitySchema, JsonElement)"/> on the given path (<see cref="ValidationPath.AuthoritativeOnly"/>
    /// is what the differential tests and the benchmarks compare the fast path with).
    /// </summary>
    internal static TraitsDerivation Validate(IdentitySchema schema, JsonElement traits, ValidationPath path)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (traits.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            traits = EmptyObject;
        }

        NulCharacterRule.EnsureTraits(traits);
        using var scope = ValidationScope.Enter();
        return Validate(schema, traits, path, PhoneRewrite.Pending, scope);
    }

    private static TraitsDerivation Validate(IdentitySchema schema, JsonElement traits, ValidationPath path, PhoneRewrite rewrite, ValidationScope scope)
    {
        if (path == ValidationPath.FastThenAuthoritative && schema.Plan.Fast is { } fast
            && TryValidateFast(schema, fast, traits, rewrite, scope, out var derivation))
        {
            return derivation;
        }

        return ValidateAuthoritatively(schema, traits, path, rewrite, scope);
    }

    private static TraitsDerivation Derive(JsonElement traits, List<ExtensionHit> hits, ValidationScope scope)
    {
        if (hits.Count == 0)
        {
            return new TraitsDerivation
            {
                Traits = traits,
                PasswordIdentifiers = [],
                WebAuthnIdentifiers = [],
                CodeAddresses = [],
                HasCodeIdentifierTraits = false,
                HasPasswordIdentifierTraits = false,
                HasWebAuthnIdentifierTraits = false,
                VerifiableAddresses = [],
                RecoveryAddresses = [],
            };
        }

        var deriver = scope.EmptyDeriver();

        // By reference: a hit is a 40-byte struct, and copying each out of the list stalled on the copy.
        foreach (ref readonly var hit in CollectionsMarshal.AsSpan(hits))
        {
            deriver.Apply(in hit);
        }

        return deriver.Finish(traits);
    }
}
