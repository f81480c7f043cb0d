using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenseAdmin.Infrastructure.Persistence.Configurations;

internal sealed class ApiAppConfiguration : IEntityTypeConfiguration<ApiApp>
{
    public void Configure(EntityTypeBuilder<ApiApp> builder)
    {
        builder.ToTable("ApiApps");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.DisplayName).HasMaxLength(ApiApp.MaxDisplayNameLength).IsRequired();
        builder.Property(a => a.Permissions).HasConversion<int>();
        // Sign-in looks an app up by client id before it knows the tenant.
        builder.HasIndex(a => a.ClientId).IsUnique();
        builder.HasIndex(a => new { a.TenantId, a.DisplayName });
        builder.HasOne<Domain.Tenants.Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Secrets).WithOne().HasForeignKey(s => s.AppId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Secrets).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ApiAppSecretConfiguration : IEntityTypeConfiguration<ApiAppSecret>
{
    public void Configure(EntityTypeBuilder<ApiAppSecret> builder)
    {
        builder.ToTable("ApiAppSecrets");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Description).HasMaxLength(ApiApp.MaxDisplayNameLength).IsRequired();
        builder.Property(s => s.Hint).HasMaxLength(8).IsRequired();
        builder.Property(s => s.Hash).HasMaxLength(64).IsRequired();
        builder.HasIndex(s => new { s.TenantId, s.AppId });
    }
}

internal sealed class ApiSigningKeyConfiguration : IEntityTypeConfiguration<ApiSigningKey>
{
    public void Configure(EntityTypeBuilder<ApiSigningKey> builder)
    {
        builder.ToTable("ApiSigningKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(64);
        builder.Property(k => k.ProtectedPrivateKey).IsRequired();
        builder.HasIndex(k => k.CreatedUtc);
    }
}
