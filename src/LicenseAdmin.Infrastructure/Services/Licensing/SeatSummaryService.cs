using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Seats;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>Per-product seat counts of a tenant, computed from subscriptions and assignments (not from the counters).</summary>
public sealed class SeatSummaryService(TenantDbContextFactory contexts)
{
    public async Task<IReadOnlyList<ProductSeatSummary>> GetAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(tenantId, cancellationToken);
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Join(db.Products, s => s.ProductId, p => p.Id, (s, p) => new { s.ProductId, p.DisplayName, p.PartNumber, s.Status, s.NextRenewalUtc })
            .ToListAsync(cancellationToken);
        var totals = await SeatCounterRecalculator.TotalSeatsAsync(db, tenantId, cancellationToken);
        var assigned = await SeatCounterRecalculator.AssignedSeatsAsync(db, tenantId, cancellationToken);

        return subscriptions
            .GroupBy(s => new { s.ProductId, s.DisplayName, s.PartNumber })
            .Select(g => new ProductSeatSummary(
                g.Key.ProductId, g.Key.DisplayName, g.Key.PartNumber,
                totals.GetValueOrDefault(g.Key.ProductId),
                assigned.GetValueOrDefault(g.Key.ProductId),
                BestStatus(g.Select(s => s.Status)),
                g.Min(s => s.NextRenewalUtc)))
            .OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    // A product is as healthy as its healthiest subscription: one enabled subscription keeps it enabled.
    private static SubscriptionStatus BestStatus(IEnumerable<SubscriptionStatus> statuses) => statuses.Min();
}
