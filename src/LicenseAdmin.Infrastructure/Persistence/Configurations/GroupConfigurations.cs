using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Tenants;
using LicenseAdmin.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LicenseAdmin.Infrastructure.Persistence.Configurations;

// Rows that hang off both a group and a user cascade from the user only: SQL Server refuses two cascade paths from
// Tenants, and the purge deletes users for good without knowing about groups. GroupService deletes a group's rows itself.

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.ToTable("Groups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.DisplayName).HasMaxLength(Group.MaxDisplayNameLength).IsRequired();
        builder.Property(g => g.MembershipRule).HasMaxLength(Group.MaxRuleLength);
        builder.Property(g => g.ProcessingState).HasConversion<string>().HasMaxLength(16);
        builder.Property(g => g.ProcessingRequestedBy).HasMaxLength(256);
        builder.Ignore(g => g.IsDynamic);
        builder.HasIndex(g => new { g.TenantId, g.DisplayName });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(g => g.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> builder)
    {
        builder.ToTable("GroupMembers");
        builder.HasKey(m => new { m.GroupId, m.UserId });
        builder.Property(m => m.Error).HasConversion<string>().HasMaxLength(40);
        builder.Property(m => m.ErrorDetail).HasMaxLength(GroupMember.MaxErrorDetailLength);
        // A user's groups (the processor, the user panel) and the members with errors of a tenant.
        builder.HasIndex(m => new { m.TenantId, m.UserId });
        builder.HasIndex(m => new { m.TenantId, m.Error });
        builder.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GroupLicenseConfiguration : IEntityTypeConfiguration<GroupLicense>
{
    public void Configure(EntityTypeBuilder<GroupLicense> builder)
    {
        builder.ToTable("GroupLicenses");
        builder.HasKey(l => new { l.GroupId, l.ProductId });
        builder.Property(l => l.DisabledPlanIds).HasConversion(DisabledPlans.Converter, DisabledPlans.Comparer).HasMaxLength(4000).IsRequired();
        builder.HasIndex(l => l.TenantId);
        builder.HasOne<Group>().WithMany().HasForeignKey(l => l.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InheritedLicenseConfiguration : IEntityTypeConfiguration<InheritedLicense>
{
    public void Configure(EntityTypeBuilder<InheritedLicense> builder)
    {
        builder.ToTable("InheritedLicenses");
        builder.HasKey(l => new { l.UserId, l.ProductId, l.GroupId });
        builder.HasIndex(l => new { l.TenantId, l.UserId });
        builder.HasIndex(l => l.GroupId);
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Group>().WithMany().HasForeignKey(l => l.GroupId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GroupLicensingWorkConfiguration : IEntityTypeConfiguration<GroupLicensingWork>
{
    public void Configure(EntityTypeBuilder<GroupLicensingWork> builder)
    {
        builder.ToTable("GroupLicensingQueue");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        // The processor takes each tenant's oldest rows first, and finds the tenants with work.
        builder.HasIndex(w => new { w.TenantId, w.QueuedUtc });
        builder.HasIndex(w => w.GroupId);
        builder.Property(w => w.RequestedBy).HasMaxLength(GroupLicensingWork.MaxRequestedByLength).IsRequired();
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
