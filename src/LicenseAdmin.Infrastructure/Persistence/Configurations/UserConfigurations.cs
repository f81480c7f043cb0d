using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Tenants;
using LicenseAdmin.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LicenseAdmin.Infrastructure.Persistence.Configurations;

internal sealed class DirectoryUserConfiguration : IEntityTypeConfiguration<DirectoryUser>
{
    public void Configure(EntityTypeBuilder<DirectoryUser> builder)
    {
        builder.ToTable("DirectoryUsers");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.UserPrincipalName).HasMaxLength(DirectoryUser.MaxUserPrincipalNameLength).IsRequired();
        builder.Property(u => u.DisplayName).HasMaxLength(DirectoryUser.MaxDisplayNameLength).IsRequired();
        builder.Property(u => u.FirstName).HasMaxLength(DirectoryUser.MaxFirstNameLength);
        builder.Property(u => u.LastName).HasMaxLength(DirectoryUser.MaxLastNameLength);
        builder.Property(u => u.Department).HasMaxLength(DirectoryUser.MaxDepartmentLength);
        builder.Property(u => u.JobTitle).HasMaxLength(DirectoryUser.MaxJobTitleLength);
        builder.Property(u => u.Office).HasMaxLength(ContactDetails.MaxOfficeLength);
        builder.Property(u => u.OfficePhone).HasMaxLength(ContactDetails.MaxPhoneLength);
        builder.Property(u => u.MobilePhone).HasMaxLength(ContactDetails.MaxPhoneLength);
        builder.Property(u => u.Fax).HasMaxLength(ContactDetails.MaxPhoneLength);
        builder.Property(u => u.AlternateEmail).HasMaxLength(ContactDetails.MaxAlternateEmailLength);
        builder.Property(u => u.StreetAddress).HasMaxLength(ContactDetails.MaxStreetAddressLength);
        builder.Property(u => u.City).HasMaxLength(ContactDetails.MaxCityLength);
        builder.Property(u => u.State).HasMaxLength(ContactDetails.MaxStateLength);
        builder.Property(u => u.PostalCode).HasMaxLength(ContactDetails.MaxPostalCodeLength);
        builder.Property(u => u.Country).HasMaxLength(ContactDetails.MaxCountryLength);
        builder.Ignore(u => u.Contact);
        builder.Property(u => u.UsageLocation).HasMaxLength(2);
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Ignore(u => u.IsDeleted);
        builder.Ignore(u => u.IsResourceMailbox);
        builder.Ignore(u => u.IsAdmin);
        builder.Ignore(u => u.ResourceMailboxNeedsLicense);
        builder.Ignore(u => u.PurgeDueUtc);
        // A UPN is unique among active users of every tenant, as in Entra ID: it is also the sign-in name.
        // A deleted user frees it, so a new user may take it; restoring the deleted one is then refused.
        // Brackets quote the column on both SQL Server and SQLite.
        builder.HasIndex(u => u.UserPrincipalName).IsUnique().HasFilter("[DeletedUtc] IS NULL");
        // The Active users grid pages by display name, then id, inside a tenant. The id makes the index match the grid's
        // whole ORDER BY (no sort step, so a deep page is a short index walk) and cover the views' per-user subqueries.
        builder.HasIndex(u => new { u.TenantId, u.DeletedUtc, u.DisplayName, u.Id });
        // Kept by the database (UserLicenseCount), so EF Core never writes it and reads it back after a save.
        builder.Property<int>(UserLicenseCount.Column).HasDefaultValue(0).ValueGeneratedOnAddOrUpdate();
        // The Unlicensed view (LicenseCount = 0) counts and pages inside this index alone, already in grid order.
        builder.HasIndex(nameof(DirectoryUser.TenantId), nameof(DirectoryUser.DeletedUtc), UserLicenseCount.Column,
            nameof(DirectoryUser.DisplayName), nameof(DirectoryUser.Id));
        // The purge service reads deleted users across tenants in batches by deletion time; without it every batch read
        // the whole table. Only deleted users are in it, so it stays small.
        builder.HasIndex(u => u.DeletedUtc, "IX_DirectoryUsers_Deleted_DeletedUtc").HasFilter("[DeletedUtc] IS NOT NULL");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LicenseAssignmentConfiguration : IEntityTypeConfiguration<LicenseAssignment>
{
    public void Configure(EntityTypeBuilder<LicenseAssignment> builder)
    {
        // The triggers keep DirectoryUsers.LicenseCount; declaring them makes EF Core save without RETURNING / OUTPUT.
        builder.ToTable("LicenseAssignments", table =>
        {
            foreach (var trigger in UserLicenseCount.Triggers) table.HasTrigger(trigger);
        });
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        // Stored as a sorted, comma-separated list: disabled plans are read with their assignment, never queried alone.
        // Stored as a sorted, comma-separated list: disabled plans are read with their assignment, never queried alone.
        builder.Property(a => a.DisabledPlanIds).HasConversion(DisabledPlans.Converter, DisabledPlans.Comparer).HasMaxLength(4000).IsRequired();
        builder.Property(a => a.DirectDisabledPlanIds).HasConversion(DisabledPlans.Converter!, DisabledPlans.Comparer).HasMaxLength(4000);
        // A user holds a product at most once.
        builder.HasIndex(a => new { a.UserId, a.ProductId }).IsUnique();
        // The holds-product view counts a product's holders from here (the user id is in the index), joined to users by key.
        builder.HasIndex(a => new { a.TenantId, a.ProductId, a.UserId });
        // The tenant filter adds TenantId to every lookup by user (a grid page's licenses, the Unlicensed and
        // holds-product views); without this index SQLite reads all the tenant's assignments for a 50-user page.
        builder.HasIndex(a => new { a.TenantId, a.UserId, a.ProductId });
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Product>().WithMany().HasForeignKey(a => a.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>How a set of disabled plans is stored: a sorted, comma-separated list.</summary>
internal static class DisabledPlans
{
    public static readonly ValueConverter<IReadOnlyList<Guid>, string> Converter = new(
        ids => string.Join(',', ids),
        text => text.Length == 0 ? new List<Guid>() : text.Split(',', StringSplitOptions.None).Select(Guid.Parse).ToList());

    public static readonly ValueComparer<IReadOnlyList<Guid>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!),
        ids => ids.Aggregate(0, (hash, id) => HashCode.Combine(hash, id)),
        ids => ids.ToList());
}

internal sealed class ServiceProvisioningConfiguration : IEntityTypeConfiguration<ServiceProvisioning>
{
    public void Configure(EntityTypeBuilder<ServiceProvisioning> builder)
    {
        builder.ToTable("ServiceProvisionings");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Family).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(p => new { p.UserId, p.Family }).IsUnique();
        // Retained records only (brackets quote the column on both providers). The purge service reads them by time: this
        // index gives the records of one time in storage order, so a batch changes neighbouring rows on few pages. It has
        // no State column on purpose: a batch's conditional purge by id list then uses the primary key, where SQLite
        // (without statistics) chose a (State, RetainedUntilUtc) index and walked every row due after the batch too.
        builder.HasIndex(p => p.RetainedUntilUtc, "IX_ServiceProvisionings_Retained_RetainedUntilUtc")
            .HasFilter("[State] = 'Retained'");
        // Home lists a tenant's next purges and counts its users in retention.
        builder.HasIndex(p => new { p.TenantId, p.RetainedUntilUtc }, "IX_ServiceProvisionings_Retained_TenantId_RetainedUntilUtc")
            .HasFilter("[State] = 'Retained'");
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OfficeInstallationConfiguration : IEntityTypeConfiguration<OfficeInstallation>
{
    public void Configure(EntityTypeBuilder<OfficeInstallation> builder)
    {
        builder.ToTable("OfficeInstallations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.DeviceName).HasMaxLength(100).IsRequired();
        builder.Property(i => i.Platform).HasConversion<string>().HasMaxLength(8);
        builder.HasIndex(i => i.UserId);
        builder.HasOne<DirectoryUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
