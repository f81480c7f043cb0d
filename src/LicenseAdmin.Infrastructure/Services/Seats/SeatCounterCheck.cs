using System.Globalization;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Services.Seats;

/// <summary>
/// The second line of defence behind the conditional seat updates: compares every tenant's stored seat counters with
/// the real subscriptions and assignments, and corrects a counter that drifted (a restore from an old backup, a
/// script that wrote assignments directly, a bug). Each correction is logged as a warning and audited.
/// </summary>
/// <remarks>
/// A tenant is checked in one transaction that first locks its counter rows in product order, the same rows every
/// license change updates before it touches assignments. So no change is half-way while the real counts are read,
/// and a check never "corrects" a counter a change is moving.
/// </remarks>
public sealed class SeatCounterCheck(TenantDbContextFactory contexts, TimeProvider clock, ILogger<SeatCounterCheck> logger)
{
    public const string Actor = "Seat counter check";

    /// <summary>Checks every tenant; returns how many counters were corrected.</summary>
    [SystemJob("Run by SeatCounterCheckService at start-up and on an interval; no person asks for it, and each correction is audited as the job.")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        List<Guid> tenants;
        await using (var db = await contexts.ForSystemAsync(cancellationToken))
            tenants = await db.Tenants.IgnoreQueryFilters().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);

        var corrected = 0;
        foreach (var tenant in tenants) corrected += await CheckTenantAsync(tenant, cancellationToken);
        return corrected;
    }

    private async Task<int> CheckTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        return await WriteTransaction.RunAsync(db, async token =>
        {
            await SeatCounterStore.LockAsync(db, tenantId, productId: null, token);
            var counters = await db.SeatCounters.IgnoreQueryFilters().Where(c => c.TenantId == tenantId).ToListAsync(token);
            var totals = await SeatCounterRecalculator.TotalSeatsAsync(db, tenantId, token);
            var assigned = await SeatCounterRecalculator.AssignedSeatsAsync(db, tenantId, token);
            var now = clock.GetUtcNow().UtcDateTime;
            var corrected = 0;

            foreach (var productId in totals.Keys.Union(assigned.Keys).Union(counters.Select(c => c.ProductId)).Order())
            {
                var counter = counters.SingleOrDefault(c => c.ProductId == productId);
                var real = (Total: totals.GetValueOrDefault(productId), Assigned: assigned.GetValueOrDefault(productId));
                var stored = counter is null ? (Total: 0, Assigned: 0) : (Total: counter.TotalSeats, Assigned: counter.AssignedSeats);
                if (stored == real) continue;

                var product = await db.Products.Where(p => p.Id == productId).Select(p => p.DisplayName).SingleOrDefaultAsync(token)
                    ?? productId.ToString();
                logger.LogWarning(
                    "Seat counter of {Product} in tenant {Tenant} drifted: stored {StoredAssigned} assigned of {StoredTotal}, real {RealAssigned} of {RealTotal}; corrected",
                    product, tenantId, stored.Assigned, stored.Total, real.Assigned, real.Total);
                if (counter is not null) db.SeatCounters.Remove(counter);
                db.SeatCounters.Add(new ProductSeatCounter(tenantId, productId, real.Total, real.Assigned));
                AuditTrail.BySystem(db, tenantId, now, Actor, AuditAction.CorrectSeatCount, product,
                    before: new { stored.Total, stored.Assigned }, after: new { real.Total, real.Assigned },
                    detail: string.Create(CultureInfo.InvariantCulture,
                        $"Stored {stored.Assigned} assigned of {stored.Total}; the real count is {real.Assigned} of {real.Total}."));
                corrected++;
            }
            await db.SaveChangesAsync(token);
            return corrected;
        }, cancellationToken);
    }

}

/// <summary>SeatCounters:CheckInterval, how often the seat counter check runs after the one at start-up (default one hour).</summary>
public sealed record SeatCounterCheckOptions(TimeSpan Interval)
{
    public const string Section = "SeatCounters";

    public static SeatCounterCheckOptions Read(IConfiguration configuration)
    {
        var text = configuration[$"{Section}:CheckInterval"];
        if (string.IsNullOrWhiteSpace(text)) return new SeatCounterCheckOptions(TimeSpan.FromHours(1));
        if (TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
            return new SeatCounterCheckOptions(interval);
        throw new ConfigurationValueException($"{Section}:CheckInterval must be a positive time span such as 01:00:00; it is '{text}'.");
    }
}
