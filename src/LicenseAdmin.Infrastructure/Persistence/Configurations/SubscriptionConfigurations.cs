using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenseAdmin.Infrastructure.Persistence.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("Subscriptions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.PricePerUnitMonthly).HasPrecision(18, 2);
        builder.Property(s => s.Currency).HasMaxLength(3).IsRequired();
        builder.Ignore(s => s.CountedSeats);
        builder.Ignore(s => s.MonthlyCost);
        builder.HasIndex(s => new { s.TenantId, s.ProductId });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Product>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LicensePurchaseConfiguration : IEntityTypeConfiguration<LicensePurchase>
{
    public void Configure(EntityTypeBuilder<LicensePurchase> builder)
    {
        builder.ToTable("LicensePurchases");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.PricePerUnitMonthly).HasPrecision(18, 2);
        builder.Property(p => p.Currency).HasMaxLength(3).IsRequired();
        builder.Property(p => p.ActorUpn).HasMaxLength(256).IsRequired();
        builder.HasIndex(p => new { p.TenantId, p.OccurredUtc });
        builder.HasOne<Subscription>().WithMany().HasForeignKey(p => p.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProductSeatCounterConfiguration : IEntityTypeConfiguration<ProductSeatCounter>
{
    public void Configure(EntityTypeBuilder<ProductSeatCounter> builder)
    {
        builder.ToTable("SeatCounters", t =>
            t.HasCheckConstraint("CK_SeatCounters_AssignedNotNegative", "AssignedSeats >= 0"));
        builder.HasKey(c => new { c.TenantId, c.ProductId });
        builder.Ignore(c => c.AvailableSeats);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Product>().WithMany().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
