namespace Ory.Identity;

/// <summary>
/// What a machine schema (<c>kind: machine</c>) may not declare: machine identities authenticate with API keys only,
/// so no trait may be a password, webauthn or code identifier, a recovery address or a verification address.
/// </summary>
internal static class MachineSchemaRules
{
    /// <summary>The first forbidden <c>ory.sh/kratos</c> mark of a machine schema, as a message for the host's operator; null when none.</summary>
    public static string? FindProblem(IdentitySchema schema)
    {
        foreach (var extension in schema.Plan.Extensions)
        {
            var mark = extension switch
            {
                { PasswordIdentifier: true } => "a password identifier (credentials.password.identifier)",
                { WebAuthnIdentifier: true } => "a webauthn identifier (credentials.webauthn.identifier)",
                { CodeIdentifier: true } => "a code identifier (credentials.code.identifier)",
                { RecoveryVia: not null } => "a recovery address (recovery.via)",
                { VerificationVia: not null } => "a verification address (verification.via)",
                _ => null,
            };
            if (mark is not null)
            {
                return $"Identity schema \"{schema.Id}\" is a machine schema (kind: machine) but its \"ory.sh/kratos\" extension marks "
                       + $"#{extension.SchemaPointer} as {mark}. Machine identities authenticate with API keys only: they have no "
                       + "passwords, webauthn or code sign-in, recovery or verification. Remove the mark or register the schema as kind person.";
            }
        }

        return null;
    }
}
