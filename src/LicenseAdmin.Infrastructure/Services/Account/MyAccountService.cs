using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Office;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Account;

/// <summary>
/// My account: the caller's own licenses, service provisioning and Office installations. Needs no admin role,
/// and by construction reads nobody but the caller.
/// </summary>
public sealed class MyAccountService(TenantDbContextFactory contexts, OfficeInstallationService office, TimeProvider clock)
{
    /// <summary>The service families a user sees on My account, in the order the admin center lists them.</summary>
    public static readonly IReadOnlyList<ServiceFamily> ShownFamilies =
        [ServiceFamily.Exchange, ServiceFamily.SharePoint, ServiceFamily.SkypeForBusiness, ServiceFamily.OfficeApps];

    public async Task<MyAccount> GetAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        // A deleted or blocked account keeps its cookie until it expires; it must not read on.
        await CallerGuard.ActingAsync(db, caller, cancellationToken);
        var me = await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.Id == caller.UserId)
            .Select(u => new { u.DisplayName, u.UserPrincipalName })
            .SingleAsync(cancellationToken);
        var licenses = await LicensesAsync(db, caller.UserId, cancellationToken);
        var services = await ServicesAsync(db, caller.UserId, cancellationToken);
        var installations = await office.ListAsync(caller, cancellationToken);
        return new MyAccount(me.DisplayName, me.UserPrincipalName, licenses, services, installations);
    }

    private static async Task<IReadOnlyList<MyLicense>> LicensesAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var assignments = await db.LicenseAssignments.AsNoTracking()
            .Where(a => a.UserId == userId)
            .Join(db.Products, a => a.ProductId, p => p.Id, (a, p) => new { a.ProductId, p.DisplayName, a.DisabledPlanIds })
            .ToListAsync(cancellationToken);
        var productIds = assignments.Select(a => a.ProductId).ToList();
        var plans = await db.ProductServicePlans.AsNoTracking()
            .Where(link => productIds.Contains(link.ProductId))
            .Join(db.ServicePlans, link => link.ServicePlanId, plan => plan.Id,
                (link, plan) => new { link.ProductId, plan.Id, plan.Name, plan.FriendlyName })
            .ToListAsync(cancellationToken);

        return assignments
            .OrderBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(a => new MyLicense(a.ProductId, a.DisplayName, plans
                .Where(p => p.ProductId == a.ProductId)
                .OrderBy(p => p.FriendlyName, StringComparer.OrdinalIgnoreCase)
                .Select(p => new MyServicePlan(p.Name, p.FriendlyName, !a.DisabledPlanIds.Contains(p.Id)))
                .ToList()))
            .ToList();
    }

    private async Task<IReadOnlyList<MyService>> ServicesAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var records = await db.ServiceProvisionings.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return ShownFamilies.Select(family =>
        {
            var record = records.SingleOrDefault(r => r.Family == family);
            var retainedUntil = record?.RetainedUntilUtc is { } until ? DateTime.SpecifyKind(until, DateTimeKind.Utc) : (DateTime?)null;
            return new MyService(family, record?.State, retainedUntil, retainedUntil is { } end ? Domain.Licensing.ServiceProvisioning.DaysLeft(end, now) : null);
        }).ToList();
    }
}
