namespace Ory.Identity.Benchmarks.EntityFramework;

/// <summary>A verifiable or recovery address of an identity; (kind, via, value) is the primary key, so it is unique.</summary>
public sealed class EfAddress
{
    public const string Verifiable = "verifiable";
    public const string Recovery = "recovery";

    public string Kind { get; set; } = "";

    public string Via { get; set; } = "";

    public string Value { get; set; } = "";

    public Guid IdentityId { get; set; }

    public EfIdentity Identity { get; set; } = null!;
}
