using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Seats;

/// <summary>
/// Recomputes each product's seat counter of a tenant from the real rows: total as the subscriptions count it
/// (<see cref="Subscription.TotalSeatsOf"/>), assigned = licenses held by users who are not deleted.
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

    /// <summary>Seats paid for, as <see cref="Subscription.TotalSeatsOf"/> counts them (a tenant has a few subscriptions, read whole).</summary>
    public static async Task<Dictionary<Guid, int>> TotalSeatsAsync(AppDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        (await db.Subscriptions.IgnoreQueryFilters().AsNoTracking().Where(s => s.TenantId == tenantId).ToListAsync(cancellationToken))
            .GroupBy(s => s.ProductId)
            .Where(g => g.Any(s => s.IsLive))
            .ToDictionary(g => g.Key, g => Subscription.TotalSeatsOf(g));

    /// <summary>Seats in use: licenses held by users who are not deleted.</summary>
    public static Task<Dictionary<Guid, int>> AssignedSeatsAsync(AppDbContext db, Guid tenantId, CancellationToken cancellationToken) =>
        db.LicenseAssignments.IgnoreQueryFilters()
            .Where(a => a.TenantId == tenantId)
            .Join(db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.DeletedUtc == null), a => a.UserId, u => u.Id, (a, u) => a.ProductId)
            .GroupBy(productId => productId)
            .Select(g => new { ProductId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.ProductId, x => x.Count, cancellationToken);
}
