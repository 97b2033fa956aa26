namespace Ory.Identity.Benchmarks.EntityFramework;

/// <summary>A login identifier of an identity; (type, identifier) is the primary key, so it is unique.</summary>
public sealed class EfCredentialIdentifier
{
    public string Type { get; set; } = "";

    public string Identifier { get; set; } = "";

    public Guid IdentityId { get; set; }

    public EfIdentity Identity { get; set; } = null!;
}
