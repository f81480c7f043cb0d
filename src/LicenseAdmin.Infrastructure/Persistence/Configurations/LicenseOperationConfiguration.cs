using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenseAdmin.Infrastructure.Persistence.Configurations;

internal sealed class LicenseOperationConfiguration : IEntityTypeConfiguration<LicenseOperation>
{
    public void Configure(EntityTypeBuilder<LicenseOperation> builder)
    {
        builder.ToTable("LicenseOperations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Kind).HasMaxLength(64).IsRequired();
        builder.Property(o => o.ActorUpn).HasMaxLength(256).IsRequired();
        builder.Ignore(o => o.IsUndone);
        builder.HasIndex(o => new { o.TenantId, o.AppliedUtc });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(o => o.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
