using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Licensing;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Seats;

/// <summary>
/// The seat rule under concurrency. Seats are taken with one conditional UPDATE per product
/// (<c>assigned = assigned + n WHERE assigned + n &lt;= total</c>) inside the transaction that writes the
/// assignments. The database serialises those updates on both providers, so two admins can never both
/// take the last seat: the second update matches no row and the whole change rolls back.
/// </summary>
public static class SeatCounterStore
{
    /// <summary>Moves every product's assigned count by the plan's net change; throws CountViolation when a product runs out.</summary>
    public static async Task ApplyAsync(AppDbContext db, LicensingCatalog catalog, IEnumerable<SeatDemand> demands, CancellationToken cancellationToken)
    {
        // One net change per product, so the order between products does not decide the outcome; product id order is
        // the one fixed order every change locks counters in, so two changes of the same products never deadlock.
        foreach (var demand in demands.Where(d => d.NetChange != 0).OrderBy(d => d.ProductId))
            await MoveAsync(db, catalog, demand.ProductId, demand.NetChange, cancellationToken);
    }

    public static async Task MoveAsync(AppDbContext db, LicensingCatalog catalog, Guid productId, int delta, CancellationToken cancellationToken)
    {
        if (delta == 0) return;
        var counter = db.SeatCounters.Where(c => c.ProductId == productId);
        if (delta < 0)
        {
            await counter.ExecuteUpdateAsync(s => s.SetProperty(c => c.AssignedSeats, c => c.AssignedSeats + delta), cancellationToken);
            return;
        }

        var taken = await counter.Where(c => c.AssignedSeats + delta <= c.TotalSeats)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AssignedSeats, c => c.AssignedSeats + delta), cancellationToken);
        if (taken == 1) return;

        var now = await counter.AsNoTracking().Select(c => new { c.TotalSeats, c.AssignedSeats }).SingleOrDefaultAsync(cancellationToken);
        var available = now is null ? 0 : now.TotalSeats - now.AssignedSeats;
        var product = catalog.TryGetProduct(productId, out var info) ? info : new ProductInfo(productId, productId.ToString(), productId.ToString(), []);
        throw new LicenseChangeRefusedException([ViolationMessages.NotEnoughSeats(product, delta, available)]);
    }

    /// <summary>
    /// Locks a tenant's seat counter rows (one product's, or all of them) in product order, the order every license change
    /// updates them in, before a change reads what it decides on. Buying and reducing read the subscriptions and write
    /// them back; without the lock two purchases at once both add to the same old unit count and one is lost, while the
    /// counter (moved by a conditional UPDATE) counts both.
    /// </summary>
    public static Task LockAsync(AppDbContext db, Guid tenantId, Guid? productId, CancellationToken cancellationToken) =>
        productId is { } product
            ? RowLocks.LockWhereAsync(db, "SeatCounters", "ProductId", "[TenantId] = {0} AND [ProductId] = {1}", [tenantId, product], cancellationToken)
            : RowLocks.LockWhereAsync(db, "SeatCounters", "ProductId", "[TenantId] = {0}", [tenantId], cancellationToken);

    /// <summary>Changes a product's paid seats (buy or reduce); a reduction never goes below the assigned count.</summary>
    public static async Task<bool> TryChangeTotalAsync(AppDbContext db, Guid tenantId, Guid productId, int delta, CancellationToken cancellationToken)
    {
        var counter = db.SeatCounters.Where(c => c.ProductId == productId);
        if (!await counter.AnyAsync(cancellationToken))
        {
            db.SeatCounters.Add(new Domain.Subscriptions.ProductSeatCounter(tenantId, productId, 0, 0));
            await db.SaveChangesAsync(cancellationToken);
        }
        var changed = delta >= 0
            ? await counter.ExecuteUpdateAsync(s => s.SetProperty(c => c.TotalSeats, c => c.TotalSeats + delta), cancellationToken)
            : await counter.Where(c => c.TotalSeats + delta >= c.AssignedSeats)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.TotalSeats, c => c.TotalSeats + delta), cancellationToken);
        return changed == 1;
    }
}
