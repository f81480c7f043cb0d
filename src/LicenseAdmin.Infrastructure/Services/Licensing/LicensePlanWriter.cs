using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Seats;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>
/// Writes a valid plan inside the caller's transaction: seat counters first (the concurrency guard),
/// then each changed user's assignments, provisioning and one audit entry holding the state before and after.
/// </summary>
public static class LicensePlanWriter
{
    private const int IdChunk = 1000;

    public static async Task WriteAsync(
        AppDbContext db, LicensingCatalog catalog, LicensePlan plan, ActingAdmin admin, Guid operationId, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        await SeatCounterStore.ApplyAsync(db, catalog, plan.Seats, cancellationToken);

        var changed = plan.ChangedUsers.ToList();
        var ids = changed.Select(u => u.UserId).ToList();
        var assignments = new Dictionary<(Guid User, Guid Product), LicenseAssignment>();
        var heldBy = new Dictionary<Guid, List<LicenseAssignment>>();
        var provisioning = new Dictionary<(Guid User, ServiceFamily Family), ServiceProvisioning>();
        foreach (var chunk in ids.Chunk(IdChunk))
        {
            foreach (var a in await db.LicenseAssignments.Where(a => chunk.Contains(a.UserId)).ToListAsync(cancellationToken))
            {
                assignments[(a.UserId, a.ProductId)] = a;
                if (!heldBy.TryGetValue(a.UserId, out var held)) heldBy[a.UserId] = held = [];
                held.Add(a);
            }
            foreach (var p in await db.ServiceProvisionings.Where(p => chunk.Contains(p.UserId)).ToListAsync(cancellationToken))
                provisioning[(p.UserId, p.Family)] = p;
        }

        foreach (var user in changed)
        {
            var before = heldBy.GetValueOrDefault(user.UserId, [])
                .Select(a => Audited(catalog, a.ProductId, a.DisabledPlanIds)).ToList();

            foreach (var productId in user.Removed)
                db.LicenseAssignments.Remove(assignments[(user.UserId, productId)]);
            foreach (var change in user.Changed)
                assignments[(user.UserId, change.ProductId)].SetDisabledPlans(change.After);
            foreach (var added in user.Added)
                db.LicenseAssignments.Add(new LicenseAssignment(Guid.NewGuid(), admin.TenantId, user.UserId, added.ProductId, added.DisabledPlanIds, nowUtc));

            ApplyProvisioning(db, admin.TenantId, user, provisioning, nowUtc);

            var after = user.Final.Select(l => Audited(catalog, l.ProductId, l.DisabledPlanIds)).ToList();
            AuditTrail.Succeeded(db, admin, nowUtc, AuditAction.ChangeUserLicense, user.UserPrincipalName, before, after, operationId,
                targetId: user.UserId);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static void ApplyProvisioning(
        AppDbContext db, Guid tenantId, UserPlan user, Dictionary<(Guid, ServiceFamily), ServiceProvisioning> records, DateTime nowUtc)
    {
        foreach (var family in user.Provisioning.Gained)
        {
            if (records.TryGetValue((user.UserId, family), out var record)) record.LicenseGranted(nowUtc);
            else db.ServiceProvisionings.Add(new ServiceProvisioning(Guid.NewGuid(), tenantId, user.UserId, family, nowUtc));
        }
        foreach (var family in user.Provisioning.Lost)
        {
            if (records.TryGetValue((user.UserId, family), out var record)) record.LicenseLost(nowUtc);
        }
    }

    private static AuditedLicense Audited(LicensingCatalog catalog, Guid productId, IEnumerable<Guid> disabled) =>
        new(productId, catalog.TryGetProduct(productId, out var product) ? product.DisplayName : productId.ToString(), disabled.Order().ToList());
}
