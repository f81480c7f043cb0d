using LicenseAdmin.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenseAdmin.Infrastructure.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("Products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.PartNumber).HasMaxLength(128).IsRequired();
        builder.Property(p => p.DisplayName).HasMaxLength(256).IsRequired();
        builder.HasIndex(p => p.PartNumber);
        builder.HasMany(p => p.Plans).WithOne().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Plans).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ServicePlanConfiguration : IEntityTypeConfiguration<ServicePlan>
{
    public void Configure(EntityTypeBuilder<ServicePlan> builder)
    {
        builder.ToTable("ServicePlans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(128).IsRequired();
        builder.Property(p => p.FriendlyName).HasMaxLength(256).IsRequired();
        builder.Property(p => p.Family).HasConversion<string>().HasMaxLength(32);
    }
}

internal sealed class ProductServicePlanConfiguration : IEntityTypeConfiguration<ProductServicePlan>
{
    public void Configure(EntityTypeBuilder<ProductServicePlan> builder)
    {
        builder.ToTable("ProductServicePlans");
        builder.HasKey(p => new { p.ProductId, p.ServicePlanId });
        builder.HasOne<ServicePlan>().WithMany().HasForeignKey(p => p.ServicePlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ExclusivePlanPairConfiguration : IEntityTypeConfiguration<ExclusivePlanPair>
{
    public void Configure(EntityTypeBuilder<ExclusivePlanPair> builder)
    {
        builder.ToTable("ExclusivePlanPairs");
        builder.HasKey(p => new { p.PlanAId, p.PlanBId });
        builder.Property(p => p.Source).HasMaxLength(1024);
    }
}

internal sealed class PlanDependencyConfiguration : IEntityTypeConfiguration<PlanDependency>
{
    public void Configure(EntityTypeBuilder<PlanDependency> builder)
    {
        builder.ToTable("PlanDependencies");
        builder.HasKey(p => new { p.PlanId, p.RequiredPlanId });
        builder.Property(p => p.Source).HasMaxLength(1024);
    }
}
