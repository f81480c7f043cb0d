using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Seats;

/// <summary>
/// Recomputes each product's seat counter of a tenant from the real rows: total = enabled + warning
/// units of its subscriptions, assigned = licenses held by users who are not deleted.
/// Used when seeding and as the periodic second line of defence against drift.
/// </summary>
public static class SeatCounterRecalculator
{
    public static async Task RecalculateAsync(AppDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var totals = await TotalSeatsAsync(db, tenantId, cancellationToken);
        var assigned = await AssignedSeatsAsync(db, tenantId, cancellationToken);

        var existing = await db.SeatCounters.IgnoreQueryFilters().Where(c => c.TenantId == tenantId).ToListAsync(cancellationToken);
        db.SeatCounters.RemoveRange(existing);
        foreach (var productId in totals.Keys.Union(assigned.Keys))
            db.SeatCounters.Add(new ProductSeatCounter(tenantId, productId, totals.GetValueOrDefault(productId), assigned.GetValueOrDefault(productId)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Seats paid for: enabled + warning units of every subscription that is not deleted.</summary>
    public static Task<Dictionary<Guid, int>> TotalSeatsAsync(AppDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        db.Subscriptions.IgnoreQueryFilters()
            .Where(s => s.TenantId == tenantId && s.Status != SubscriptionStatus.Deleted)
            .GroupBy(s => s.ProductId)
            .Select(g => new { ProductId = g.Key, Total = g.Sum(s => s.EnabledUnits + s.WarningUnits) })
            .ToDictionaryAsync(x => x.ProductId, x => x.Total, cancellationToken);

    /// <summary>Seats in use: licenses held by users who are not deleted.</summary>
    public static Task<Dictionary<Guid, int>> AssignedSeatsAsync(AppDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        db.LicenseAssignments.IgnoreQueryFilters()
            .Where(a => a.TenantId == tenantId)
            .Join(db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.DeletedUtc == null), a => a.UserId, u => u.Id, (a, u) => a.ProductId)
            .GroupBy(productId => productId)
            .Select(g => new { ProductId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.ProductId, x => x.Count, cancellationToken);
}
