using System.Text.Json;
using NodaTime;

namespace Ory.Identity;

/// <summary>
/// Applies a JSON Patch to an identity as Kratos does (Kratos's identity/handler.go, patchIdentity): on its admin JSON with credentials and config, then
/// checks the result (credential types match their keys, valid state), keeps server-managed fields, stamps
/// <c>verified_at</c> changes, and re-validates and re-derives against the (possibly new) schema.
/// </summary>
internal sealed class IdentityPatcher(IdentityRules rules)
{
    private const string FailedToApply = "failed to apply JSON patch";

    public Identity Apply(Identity stored, IReadOnlyList<JsonPatchOperation> operations, Instant now)
    {
        // Kratos patches the admin JSON with every config, so a missing (empty) config is there as {}.
        var shown = CredentialsMap.WithEmptyConfigsShown(stored.Credentials);
        var document = JsonSerializer.SerializeToNode(
            ReferenceEquals(shown, stored.Credentials) ? stored : stored with { Credentials = shown }, OryIdentityJson.TypeInfo<Identity>());
        var patchedNode = IdentityJsonPatch.Apply(document, operations);

        Identity patched;
        try
        {
            patched = patchedNode.Deserialize(OryIdentityJson.TypeInfo<Identity>())
                      ?? throw InvalidRequestException.WithMessage("the patched identity is null", FailedToApply);
        }
        catch (JsonException e)
        {
            var error = OryIdentityJson.ToRequestError(e);
            throw InvalidRequestException.WithMessage(error.Error.Message, FailedToApply);
        }

        foreach (var (key, credentials) in patched.Credentials)
        {
            if (credentials.Type != key)
            {
                throw new InvalidRequestException($"credentials.{key}.type must equal \"{key}\", got \"{credentials.Type}\"");
            }
        }

        if (!patched.State.IsValid)
        {
            throw new InvalidRequestException(
                $"The supplied state ('{patched.State.Value}') was not valid. Valid states are ('active', 'inactive').");
        }

        var next = patched with
        {
            Id = stored.Id,
            SchemaUrl = rules.SchemaUrlOf(patched.SchemaId),
            StateChangedAt = patched.State == stored.State ? stored.StateChangedAt : now,
            MetadataPublic = IdentityRules.NullIfJsonNull(patched.MetadataPublic),
            MetadataAdmin = IdentityRules.NullIfJsonNull(patched.MetadataAdmin),
            ExternalId = IdentityRules.CheckExternalId(patched.ExternalId),
            VerifiableAddresses = StampVerification(patched.VerifiableAddresses, stored.VerifiableAddresses, now),
            CreatedAt = stored.CreatedAt,
            UpdatedAt = now,
        };

        var derivation = rules.Validate(next.SchemaId, IdentityRules.TraitsOrEmpty(next.Traits));
        return rules.CheckBeforeStoring(DerivedValuesApplier.Apply(next, derivation, next.VerifiableAddresses, next.RecoveryAddresses, now));
    }

    // Patching verified to true stamps verified_at when unset; patching it to false clears it.
    private static VerifiableAddress[] StampVerification(
        IReadOnlyList<VerifiableAddress> patched, IReadOnlyList<VerifiableAddress> stored, Instant now)
    {
        var result = new VerifiableAddress[patched.Count];
        for (var i = 0; i < patched.Count; i++)
        {
            var address = patched[i];
            var before = stored.FirstOrDefault(a => a.Id == address.Id);
            var changed = before is null || before.Verified != address.Verified;
            result[i] = address switch
            {
                { Verified: true, VerifiedAt: null } => address with { VerifiedAt = now, UpdatedAt = changed ? now : address.UpdatedAt },
                { Verified: false, VerifiedAt: not null } => address with { VerifiedAt = null, UpdatedAt = now },
                _ => address,
            };
        }

        return result;
    }
}
