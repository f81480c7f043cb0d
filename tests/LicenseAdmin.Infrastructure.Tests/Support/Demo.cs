using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Seats;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Tests.Support;

/// <summary>Looks up the demo tenants' users, products and seats for service tests.</summary>
public static class Demo
{
    public const string GlobalAdmin = "admin@contoso.com";
    public const string BillingAdmin = "billing@contoso.com";
    public const string UserAdmin = "useradmin@contoso.com";
    public const string LicenseAdmin = "licenseadmin@contoso.com";
    public const string ServiceAdmin = "serviceadmin@contoso.com";
    public const string PasswordAdmin = "passwordadmin@contoso.com";
    public const string NoRole = "user@contoso.com";
    public const string FabrikamAdmin = "admin@fabrikam.com";

    public const string E3 = "ENTERPRISEPACK";
    public const string E5 = "ENTERPRISEPREMIUM";

    public static readonly string[] ContosoRoles = [GlobalAdmin, BillingAdmin, UserAdmin, LicenseAdmin, ServiceAdmin, PasswordAdmin, NoRole];

    public static async Task<Caller> CallerAsync(this TestDatabase database, string upn)
    {
        var user = await database.UserAsync(upn);
        return new Caller(user.TenantId, user.Id, user.UserPrincipalName, user.Roles);
    }

    public static async Task<DirectoryUser> UserAsync(this TestDatabase database, string upn)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.DirectoryUsers.IgnoreQueryFilters().AsNoTracking().SingleAsync(u => u.UserPrincipalName == upn && u.DeletedUtc == null)
            .ConfigureAwait(false);
    }

    public static async Task<DirectoryUser> UserByIdAsync(this TestDatabase database, Guid id)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.DirectoryUsers.IgnoreQueryFilters().AsNoTracking().SingleAsync(u => u.Id == id);
    }

    public static async Task<Guid> ProductIdAsync(this TestDatabase database, string partNumber)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.Products.Where(p => p.PartNumber == partNumber).Select(p => p.Id).SingleAsync();
    }

    /// <summary>Active Contoso staff (no admin role) holding exactly the product, in a stable order.</summary>
    public static async Task<List<Guid>> HoldersAsync(this TestDatabase database, string partNumber, Guid? tenantId = null)
    {
        var productId = await database.ProductIdAsync(partNumber);
        await using var db = await database.Contexts.ForTenantAsync(tenantId ?? DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.DirectoryUsers
            .Where(u => u.DeletedUtc == null && u.Roles == AdminRoles.None && u.Kind == UserKind.User)
            .Where(u => db.LicenseAssignments.Any(a => a.UserId == u.Id && a.ProductId == productId))
            .Where(u => db.LicenseAssignments.Count(a => a.UserId == u.Id) == 1)
            .OrderBy(u => u.UserPrincipalName).Select(u => u.Id).ToListAsync();
    }

    /// <summary>Active Contoso staff with a usage location and no license: free to receive one.</summary>
    public static async Task<List<Guid>> UnlicensedAsync(this TestDatabase database)
    {
        await using var db = await database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.DirectoryUsers
            .Where(u => u.DeletedUtc == null && u.Roles == AdminRoles.None && u.Kind == UserKind.User && u.UsageLocation != null)
            .Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id))
            .OrderBy(u => u.UserPrincipalName).Select(u => u.Id).ToListAsync();
    }

    /// <summary>The seat counter (the guard) and the real count from the rows, for a product of a tenant.</summary>
    public static async Task<(int Total, int Assigned, int RealTotal, int RealAssigned)> SeatsAsync(this TestDatabase database, string partNumber, Guid? tenantId = null)
    {
        var tenant = tenantId ?? DemoDataSeeder.ContosoId;
        var productId = await database.ProductIdAsync(partNumber);
        await using var db = await database.Contexts.ForTenantAsync(tenant, CancellationToken.None);
        var counter = await db.SeatCounters.AsNoTracking().SingleAsync(c => c.ProductId == productId);
        var totals = await SeatCounterRecalculator.TotalSeatsAsync(db, tenant, CancellationToken.None);
        var assigned = await SeatCounterRecalculator.AssignedSeatsAsync(db, tenant, CancellationToken.None);
        return (counter.TotalSeats, counter.AssignedSeats, totals.GetValueOrDefault(productId), assigned.GetValueOrDefault(productId));
    }

    public static async Task<List<AuditEntry>> AuditAsync(this TestDatabase database, string action, Guid? tenantId = null)
    {
        await using var db = await database.Contexts.ForTenantAsync(tenantId ?? DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync();
    }

    public static async Task<ServiceProvisioning?> ProvisioningAsync(this TestDatabase database, Guid userId, Domain.Catalog.ServiceFamily family)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.ServiceProvisionings.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId && p.Family == family);
    }

    /// <summary>A fingerprint of everything a refused change must leave alone (the audit log aside).</summary>
    public static async Task<string> SnapshotAsync(this TestDatabase database)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        var users = await db.DirectoryUsers.IgnoreQueryFilters().AsNoTracking().OrderBy(u => u.Id)
            .Select(u => $"{u.Id}|{u.UserPrincipalName}|{u.DisplayName}|{u.Department}|{u.UsageLocation}|{u.SignInBlocked}|{u.Roles}|{u.DeletedUtc}").ToListAsync();
        var licenses = await db.LicenseAssignments.IgnoreQueryFilters().AsNoTracking().OrderBy(a => a.Id).Select(a => $"{a.UserId}|{a.ProductId}").ToListAsync();
        var counters = await db.SeatCounters.IgnoreQueryFilters().AsNoTracking().OrderBy(c => c.TenantId).ThenBy(c => c.ProductId)
            .Select(c => $"{c.ProductId}|{c.TotalSeats}|{c.AssignedSeats}").ToListAsync();
        var subscriptions = await db.Subscriptions.IgnoreQueryFilters().AsNoTracking().OrderBy(s => s.Id).Select(s => $"{s.Id}|{s.EnabledUnits}").ToListAsync();
        var stamps = await db.Users.AsNoTracking().OrderBy(a => a.Id).Select(a => $"{a.Id}|{a.SecurityStamp}|{a.PasswordHash}").ToListAsync();
        var purchases = await db.LicensePurchases.IgnoreQueryFilters().CountAsync();
        return string.Join("\n", users.Concat(licenses).Concat(counters).Concat(subscriptions).Concat(stamps).Append(purchases.ToString()));
    }
}
