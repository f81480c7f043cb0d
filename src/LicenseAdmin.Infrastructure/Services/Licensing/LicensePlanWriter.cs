using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Seats;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>
/// Writes a valid plan inside the caller's transaction: seat counters first (the concurrency guard), then each changed
/// user's assignments, provisioning and one audit entry holding the licenses before and after, tagged with the operation.
/// </summary>
/// <remarks>
/// Rows are written set-based (<see cref="AssignmentWriter"/>, <see cref="ProvisioningWriter"/>, <see cref="BulkInsert"/>),
/// not through the change tracker, which for a 10,000-user change cost several times what the database itself does.
/// What the caller tracked (the operation, users being deleted or restored) is saved at the end, in the same transaction.
/// </remarks>
public static class LicensePlanWriter
{
    public static async Task WriteAsync(
        AppDbContext db, LicensingCatalog catalog, LicensePlan plan, ActingAdmin admin, Guid operationId, DateTime nowUtc,
        CancellationToken cancellationToken, string? detail = null, AssignmentSourceOf? sourceOf = null)
    {
        await SeatCounterStore.ApplyAsync(db, catalog, plan.Seats, cancellationToken);

        var changed = plan.ChangedUsers.ToList();
        await AssignmentWriter.WriteAsync(db, admin.TenantId, changed, nowUtc, cancellationToken, sourceOf);
        await DirectPartsRemovedAsync(db, changed, cancellationToken);
        await ProvisioningWriter.WriteAsync(db, admin.TenantId, changed, nowUtc, cancellationToken);

        var audit = changed.Select(user => AuditTrail.SucceededEntry(admin, nowUtc, AuditAction.ChangeUserLicense, user.UserPrincipalName,
            before: user.Before.Select(l => AuditedLicense.Of(catalog, l)).ToList(),
            after: user.Final.Select(l => AuditedLicense.Of(catalog, l)).ToList(),
            operationId: operationId, detail: detail ?? Kept(user), targetId: user.UserId));
        await BulkInsert.InsertAsync(db, audit.ToList(), cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A license whose direct part went while groups still give it: it stays, inherited only, with the groups' plans.</summary>
    private static async Task DirectPartsRemovedAsync(AppDbContext db, IReadOnlyList<UserPlan> changed, CancellationToken cancellationToken)
    {
        foreach (var user in changed)
        {
            if (user.DirectRemoved.Count == 0) continue;
            var userId = user.UserId;
            var products = user.DirectRemoved.Select(k => k.ProductId).ToList();
            await db.LicenseAssignments.Where(a => a.UserId == userId && products.Contains(a.ProductId))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDirect, false).SetProperty(a => a.DirectDisabledPlanIds, (IReadOnlyList<Guid>?)null),
                    cancellationToken);
        }
    }

    private static string? Kept(UserPlan user) =>
        user.DirectRemoved.Count == 0 ? null : string.Join(" ", user.DirectRemoved.Select(k => k.Reason.ToString()));
}
