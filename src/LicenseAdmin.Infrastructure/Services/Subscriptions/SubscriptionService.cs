using System.Globalization;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Seats;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Services.Subscriptions;

/// <summary>
/// Buying and reducing licenses (Global and Billing admins) and reading the tenant's seats. Totals move with the
/// seat counter's conditional update in the same transaction, so a reduction and a concurrent assignment can
/// never together push assigned above total.
/// </summary>
public sealed class SubscriptionService(TenantDbContextFactory contexts, SeatSummaryService seats, AuditedChanges changes)
{
    private const string DefaultCurrency = "USD";

    /// <summary>
    /// Adds units to the product's enabled subscription, or starts one when there is none. The price is the
    /// subscription's; <paramref name="pricePerUnitMonthly"/> is used only for a new subscription (else the price of
    /// an earlier subscription of the product).
    /// </summary>
    public Task<SeatTotalChange> BuyAsync(Caller caller, Guid productId, int units, decimal? pricePerUnitMonthly, CancellationToken cancellationToken) =>
        ChangeAsync(caller, AuditAction.PurchaseLicenses, productId, async (db, admin, now, product) =>
        {
            if (units is < 1 or > SubscriptionRefusals.MaxUnitsPerChange) throw SubscriptionRefusals.BadQuantity(units, LicenseCountVerb.Buy);
            if (pricePerUnitMonthly < 0) throw SubscriptionRefusals.BadPrice(pricePerUnitMonthly.Value);
            await SeatCounterStore.LockAsync(db, admin.TenantId, productId, cancellationToken);
            var before = await CounterAsync(db, productId, cancellationToken);

            var subscription = await db.Subscriptions
                .Where(s => s.ProductId == productId && s.Status == SubscriptionStatus.Enabled)
                .OrderBy(s => s.StartUtc).FirstOrDefaultAsync(cancellationToken)
                ?? await StartSubscriptionAsync(db, admin, product, pricePerUnitMonthly, now, cancellationToken);
            subscription.AddUnits(units);
            db.LicensePurchases.Add(new LicensePurchase(Guid.NewGuid(), admin.TenantId, subscription.Id, productId, units,
                subscription.PricePerUnitMonthly, subscription.Currency, now, admin.Upn));
            await SeatCounterStore.TryChangeTotalAsync(db, admin.TenantId, productId, units, cancellationToken);

            var change = new SeatTotalChange(productId, product.DisplayName, before.Total, before.Total + units, before.Assigned);
            AuditTrail.Succeeded(db, admin, now, AuditAction.PurchaseLicenses, product.DisplayName,
                new { change.TotalBefore }, new { change.TotalAfter }, targetId: productId,
                detail: $"Bought {SubscriptionRefusals.Licenses(units)} at {subscription.PricePerUnitMonthly.ToString("0.00", CultureInfo.InvariantCulture)} {subscription.Currency} per license per month.");
            return change;
        }, cancellationToken);

    /// <summary>Removes enabled units, newest subscription first; never below the assigned count.</summary>
    public Task<SeatTotalChange> ReduceAsync(Caller caller, Guid productId, int units, CancellationToken cancellationToken) =>
        ChangeAsync(caller, AuditAction.ReduceLicenses, productId, async (db, admin, now, product) =>
        {
            if (units is < 1 or > SubscriptionRefusals.MaxUnitsPerChange) throw SubscriptionRefusals.BadQuantity(units, LicenseCountVerb.Reduce);
            await SeatCounterStore.LockAsync(db, admin.TenantId, productId, cancellationToken);
            var subscriptions = await db.Subscriptions
                .Where(s => s.ProductId == productId && s.Status == SubscriptionStatus.Enabled && s.EnabledUnits > 0)
                .OrderByDescending(s => s.StartUtc).ToListAsync(cancellationToken);
            if (subscriptions.Count == 0) throw SubscriptionRefusals.NotSubscribed(product.DisplayName);
            var reducible = subscriptions.Sum(s => s.EnabledUnits);
            if (units > reducible) throw SubscriptionRefusals.MoreThanOwned(product.DisplayName, units, reducible);

            var before = await CounterAsync(db, productId, cancellationToken);
            if (before.Total - units < before.Assigned) throw SubscriptionRefusals.BelowAssigned(product.DisplayName, before.Assigned, before.Total - units);
            // The counter moves only while total - units >= assigned, so an assignment made since our read cannot slip in.
            if (!await SeatCounterStore.TryChangeTotalAsync(db, admin.TenantId, productId, -units, cancellationToken))
            {
                var fresh = await CounterAsync(db, productId, cancellationToken);
                throw SubscriptionRefusals.BelowAssigned(product.DisplayName, fresh.Assigned, fresh.Total - units);
            }

            var left = units;
            foreach (var subscription in subscriptions.TakeWhile(_ => left > 0))
            {
                var removed = Math.Min(left, subscription.EnabledUnits);
                subscription.RemoveUnits(removed);
                db.LicensePurchases.Add(new LicensePurchase(Guid.NewGuid(), admin.TenantId, subscription.Id, productId, -removed,
                    subscription.PricePerUnitMonthly, subscription.Currency, now, admin.Upn));
                left -= removed;
            }

            var change = new SeatTotalChange(productId, product.DisplayName, before.Total, before.Total - units, before.Assigned);
            AuditTrail.Succeeded(db, admin, now, AuditAction.ReduceLicenses, product.DisplayName,
                new { change.TotalBefore }, new { change.TotalAfter }, targetId: productId,
                detail: $"Reduced by {SubscriptionRefusals.Licenses(units)}.");
            return change;
        }, cancellationToken);

    /// <summary>The Licenses page: every subscribed product with its seats; cost only for Global and Billing admins.</summary>
    public async Task<IReadOnlyList<ProductSubscriptionSummary>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        var admin = await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        var showPrices = admin.Allows(Permission.ManageBilling);
        var subscriptions = showPrices ? await db.Subscriptions.AsNoTracking().ToListAsync(cancellationToken) : [];
        return (await seats.GetAsync(caller.TenantId, cancellationToken)).Select(p =>
            new ProductSubscriptionSummary(p.ProductId, p.DisplayName, p.Total, p.Assigned, p.Status, p.NextRenewalUtc,
                showPrices ? Subscription.MonthlyCostsOf(subscriptions.Where(s => s.ProductId == p.ProductId)) : null)).ToList();
    }

    /// <summary>Products where assigned exceeds total, counted from the real rows, each with its fixes.</summary>
    public async Task<IReadOnlyList<LicenseConflict>> ListConflictsAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken))
            await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        return (await seats.GetAsync(caller.TenantId, cancellationToken))
            .Where(p => p.HasConflict)
            .Select(p => new LicenseConflict(p.ProductId, p.DisplayName, p.Total, p.Assigned))
            .ToList();
    }

    /// <summary>Buying and reducing run as audited changes on the product, named by its display name.</summary>
    private Task<T> ChangeAsync<T>(
        Caller caller, string action, Guid productId, Func<AppDbContext, ActingAdmin, DateTime, Product, Task<T>> change,
        CancellationToken cancellationToken)
    {
        Product? product = null;
        var request = new AuditedChange(caller, Permission.ManageBilling, action, async db =>
            {
                product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == productId, cancellationToken);
                return product?.DisplayName ?? productId.ToString();
            },
            SubscriptionRefusals.ConcurrentChange);
        return changes.RunAsync(request,
            (db, admin, now) => change(db, admin, now, product ?? throw SubscriptionRefusals.UnknownProduct(productId)), cancellationToken);
    }

    private static async Task<Subscription> StartSubscriptionAsync(
        AppDbContext db, ActingAdmin admin, Product product, decimal? price, DateTime now, CancellationToken cancellationToken)
    {
        var earlier = await db.Subscriptions.AsNoTracking().Where(s => s.ProductId == product.Id)
            .OrderByDescending(s => s.StartUtc).Select(s => new { s.PricePerUnitMonthly, s.Currency }).FirstOrDefaultAsync(cancellationToken);
        var unitPrice = price ?? earlier?.PricePerUnitMonthly ?? throw SubscriptionRefusals.NoPrice(product.DisplayName);
        var subscription = new Subscription(Guid.NewGuid(), admin.TenantId, product.Id, 0, SubscriptionStatus.Enabled,
            now, now.AddYears(1), isTrial: false, unitPrice, earlier?.Currency ?? DefaultCurrency);
        db.Subscriptions.Add(subscription);
        return subscription;
    }

    private static async Task<(int Total, int Assigned)> CounterAsync(AppDbContext db, Guid productId, CancellationToken cancellationToken)
    {
        var counter = await db.SeatCounters.AsNoTracking().Where(c => c.ProductId == productId)
            .Select(c => new { c.TotalSeats, c.AssignedSeats }).SingleOrDefaultAsync(cancellationToken);
        return counter is null ? (0, 0) : (counter.TotalSeats, counter.AssignedSeats);
    }
}
