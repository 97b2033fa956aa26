using Microsoft.EntityFrameworkCore;

namespace Ory.Identity.Benchmarks.EntityFramework;

/// <summary>
/// The DbContext a user would write instead of Ory.Identity: identities, credential identifiers and addresses, with the
/// same unique rules (primary keys on the identifier and address values, a unique external id) and foreign keys that
/// cascade on delete (EF Core indexes them).
/// </summary>
public sealed class EfIdentityContext(DbContextOptions<EfIdentityContext> options) : DbContext(options)
{
    public DbSet<EfIdentity> Identities => Set<EfIdentity>();

    public DbSet<EfCredentialIdentifier> CredentialIdentifiers => Set<EfCredentialIdentifier>();

    public DbSet<EfAddress> Addresses => Set<EfAddress>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EfIdentity>(identity =>
        {
            identity.ToTable("identities");
            identity.HasIndex(i => i.ExternalId).IsUnique();
            if (Database.IsNpgsql())
            {
                identity.Property(i => i.Traits).HasColumnType("jsonb");
            }
        });
        modelBuilder.Entity<EfCredentialIdentifier>(identifier =>
        {
            identifier.ToTable("credential_identifiers");
            identifier.HasKey(c => new { c.Type, c.Identifier });
            identifier.HasOne(c => c.Identity).WithMany(i => i.CredentialIdentifiers).HasForeignKey(c => c.IdentityId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<EfAddress>(address =>
        {
            address.ToTable("addresses");
            address.HasKey(a => new { a.Kind, a.Via, a.Value });
            address.HasOne(a => a.Identity).WithMany(i => i.Addresses).HasForeignKey(a => a.IdentityId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
