using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace LicenseAdmin.Infrastructure.Services.Spend;

/// <summary>Why money on a product is idle.</summary>
public enum IdleSpendCategory
{
    /// <summary>Seats paid for and held by nobody.</summary>
    UnusedSeats,

    /// <summary>Licenses held by users who cannot sign in.</summary>
    BlockedSignIn,

    /// <summary>Licenses held by users who have not signed in for the configured number of days (never: counted from creation).</summary>
    Inactive,

    /// <summary>Licenses made redundant by another product the same user holds (<see cref="RedundantLicenses"/>).</summary>
    Redundant,
}

/// <summary>One product's idle licenses of one category, what they cost per month, and who holds them (none for unused seats).</summary>
public sealed record IdleSpendLine(
    Guid ProductId, string DisplayName, string PartNumber, IdleSpendCategory Category, int Licenses,
    CurrencyAmount MonthlyCost, IReadOnlyList<Guid> UserIds);

/// <summary>The idle spend of a tenant: a line per product and category with licenses in it, and the totals per currency.</summary>
public sealed record IdleSpendReport(IReadOnlyList<IdleSpendLine> Lines, IReadOnlyList<CurrencyAmount> Totals)
{
    public IReadOnlyList<CurrencyAmount> TotalOf(IdleSpendCategory category) =>
        CurrencyAmount.TotalsPerCurrency(Lines.Where(l => l.Category == category).Select(l => l.MonthlyCost));
}

/// <summary>
/// Money spent every month on licenses nobody uses (docs/product-rules.md, "Idle spend"), priced at the product's
/// list price: the unit price of its most recently started live subscription, as Billing shows it.
/// </summary>
public sealed class IdleSpendService(TenantDbContextFactory contexts, SeatSummaryService seats, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>Days without a sign-in after which a user counts as inactive, unless Spend:InactiveDays says otherwise.</summary>
    public const int DefaultInactiveDays = 90;

    public int InactiveDays => configuration.GetValue("Spend:InactiveDays", DefaultInactiveDays);

    public async Task<IdleSpendReport> GetAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadSpend, cancellationToken);

        var prices = (await db.Subscriptions.AsNoTracking().Where(s => s.Status != SubscriptionStatus.Deleted)
                .Select(s => new { s.ProductId, s.StartUtc, s.PricePerUnitMonthly, s.Currency }).ToListAsync(cancellationToken))
            .GroupBy(s => s.ProductId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.StartUtc).Select(s => new CurrencyAmount(s.Currency, s.PricePerUnitMonthly)).First());
        var summaries = await seats.GetAsync(caller.TenantId, cancellationToken);
        var products = summaries.Where(s => prices.ContainsKey(s.ProductId)).ToDictionary(s => s.ProductId);

        var holdings = await db.LicenseAssignments.AsNoTracking()
            .Join(db.DirectoryUsers.Where(u => u.DeletedUtc == null), a => a.UserId, u => u.Id, (a, u) => new { a.UserId, a.ProductId, u.SignInBlocked, IdleSince = u.LastSignInUtc ?? u.CreatedUtc })
            .ToListAsync(cancellationToken);
        var inactiveSince = clock.GetUtcNow().UtcDateTime.AddDays(-InactiveDays);
        var heldIds = holdings.Select(h => h.ProductId).Distinct().ToList();
        var plansOf = (await db.ProductServicePlans.AsNoTracking().Where(p => heldIds.Contains(p.ProductId))
                .Select(p => new { p.ProductId, p.ServicePlanId }).ToListAsync(cancellationToken))
            .GroupBy(p => p.ProductId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<Guid>)g.Select(p => p.ServicePlanId).ToHashSet());

        var redundant = holdings.GroupBy(h => h.UserId)
            .SelectMany(user => RedundantLicenses.Find(user.Select(h => h.ProductId).ToList(), plansOf).Keys
                .Select(productId => (ProductId: productId, UserId: user.Key)));
        var holders = holdings.Where(h => h.SignInBlocked).Select(h => (h.ProductId, h.UserId, Category: IdleSpendCategory.BlockedSignIn))
            .Concat(holdings.Where(h => h.IdleSince <= inactiveSince).Select(h => (h.ProductId, h.UserId, Category: IdleSpendCategory.Inactive)))
            .Concat(redundant.Select(r => (r.ProductId, r.UserId, Category: IdleSpendCategory.Redundant)));

        var lines = summaries.Where(s => products.ContainsKey(s.ProductId) && s.Available > 0)
            .Select(s => Line(s, prices[s.ProductId], IdleSpendCategory.UnusedSeats, s.Available, []))
            .Concat(holders.Where(h => products.ContainsKey(h.ProductId))
                .GroupBy(h => (h.ProductId, h.Category))
                .Select(g => Line(products[g.Key.ProductId], prices[g.Key.ProductId], g.Key.Category, g.Count(),
                    g.Select(h => h.UserId).Order().ToList())))
            .OrderBy(l => l.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(l => l.Category)
            .ToList();
        return new IdleSpendReport(lines, CurrencyAmount.TotalsPerCurrency(lines.Select(l => l.MonthlyCost)));
    }

    private static IdleSpendLine Line(ProductSeatSummary product, CurrencyAmount price, IdleSpendCategory category, int licenses, IReadOnlyList<Guid> userIds) =>
        new(product.ProductId, product.DisplayName, product.PartNumber, category, licenses,
            new CurrencyAmount(price.Currency, price.Amount * licenses), userIds);
}
