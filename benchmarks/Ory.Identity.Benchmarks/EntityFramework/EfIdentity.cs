namespace Ory.Identity.Benchmarks.EntityFramework;

/// <summary>
/// An identity as a user would map it with EF Core instead of Ory.Identity: traits as JSON (<c>jsonb</c> on PostgreSQL,
/// text on SQLite), the password hash beside them, a unique external id, and its identifiers and addresses as rows.
/// </summary>
public sealed class EfIdentity
{
    public Guid Id { get; set; }

    public string SchemaId { get; set; } = "default";

    public string State { get; set; } = "active";

    public string? ExternalId { get; set; }

    public string Traits { get; set; } = "{}";

    public string? PasswordHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<EfCredentialIdentifier> CredentialIdentifiers { get; } = [];

    public List<EfAddress> Addresses { get; } = [];

    /// <summary>
    /// What Ory.Identity derives from the quickstart schema for <paramref name="email"/>: one password identifier, one
    /// verifiable and one recovery address; a fresh UUIDv7 and the current time.
    /// </summary>
    public static EfIdentity ForEmail(string email, string? passwordHash)
    {
        var now = DateTime.UtcNow;
        var identity = new EfIdentity
        {
            Id = Guid.CreateVersion7(),
            Traits = $$"""{"email":"{{email}}"}""",
            PasswordHash = passwordHash,
            CreatedAt = now,
            UpdatedAt = now,
        };
        identity.CredentialIdentifiers.Add(new EfCredentialIdentifier { Type = "password", Identifier = email });
        identity.Addresses.Add(new EfAddress { Kind = EfAddress.Verifiable, Via = "email", Value = email });
        identity.Addresses.Add(new EfAddress { Kind = EfAddress.Recovery, Via = "email", Value = email });
        return identity;
    }
}
