using LicenseAdmin.Domain.Documents;
using LicenseAdmin.Domain.Tenants;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenseAdmin.Infrastructure.Persistence.Configurations;

internal sealed class PurgeLeaseConfiguration : IEntityTypeConfiguration<PurgeLease>
{
    public void Configure(EntityTypeBuilder<PurgeLease> builder)
    {
        builder.ToTable("PurgeLeases");
        // The name is the key, so two instances inserting the missing row at once cannot both succeed.
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(64);
        builder.Property(l => l.Holder).HasMaxLength(256).IsRequired();
    }
}

internal sealed class SharePointDocumentConfiguration : IEntityTypeConfiguration<SharePointDocument>
{
    public void Configure(EntityTypeBuilder<SharePointDocument> builder)
    {
        builder.ToTable("SharePointDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Title).HasMaxLength(400).IsRequired();
        // Room for "Deleted user (...)" around a 256-character display name.
        builder.Property(d => d.OwnerDisplayName).HasMaxLength(300).IsRequired();
        builder.HasIndex(d => d.OwnerUserId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
        // No action on delete: the purge service renames and detaches documents before it deletes their owner, and
        // SQL Server refuses a second cascade path from Tenants here.
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(d => d.OwnerUserId).OnDelete(DeleteBehavior.NoAction);
    }
}
