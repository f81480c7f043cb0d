using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
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

/// <summary>
/// One product's idle licenses of one category and what they cost per month. The users behind a line (none for unused
/// seats) are the Active users view <see cref="UserView.IdleLicenses"/> of the product and category
/// (<see cref="IdleSpendService.ViewAsync"/>), counted here with the same query.
/// </summary>
public sealed record IdleSpendLine(
    Guid ProductId, string DisplayName, string PartNumber, IdleSpendCategory Category, int Licenses, CurrencyAmount MonthlyCost);

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

    /// <summary>The categories of licenses held idly, each with its Active users view.</summary>
    public static readonly IReadOnlyList<IdleSpendCategory> HeldCategories =
        [IdleSpendCategory.BlockedSignIn, IdleSpendCategory.Inactive, IdleSpendCategory.Redundant];

    public async Task<IdleSpendReport> GetAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadSpend, cancellationToken);

        var prices = (await db.Subscriptions.AsNoTracking().Where(s => s.Status != SubscriptionStatus.Deleted)
                .Select(s => new { s.ProductId, s.StartUtc, s.PricePerUnitMonthly, s.Currency }).ToListAsync(cancellationToken))
            .GroupBy(s => s.ProductId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.StartUtc).Select(s => new CurrencyAmount(s.Currency, s.PricePerUnitMonthly)).First());
        var summaries = await seats.GetAsync(caller.TenantId, cancellationToken);
        var plansOf = await PlansOfHeldProductsAsync(db, cancellationToken);
        var inactiveBefore = InactiveBefore;

        var lines = new List<IdleSpendLine>();
        foreach (var product in summaries.Where(s => prices.ContainsKey(s.ProductId)))
        {
            var price = prices[product.ProductId];
            if (product.Available > 0) lines.Add(Line(product, price, IdleSpendCategory.UnusedSeats, product.Available));
            if (product.Assigned == 0) continue;
            foreach (var category in HeldCategories)
            {
                var filter = Filter(category, product.ProductId, null, inactiveBefore, plansOf);
                if (category == IdleSpendCategory.Redundant && filter.Idle!.CoveringProducts.Count == 0) continue;
                // The view's own query (UserFilter.Apply): the count the Active users grid shows as the view's total.
                var licenses = await filter.Apply(db).CountAsync(cancellationToken);
                if (licenses > 0) lines.Add(Line(product, price, category, licenses));
            }
        }
        lines = lines.OrderBy(l => l.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(l => l.Category).ToList();
        return new IdleSpendReport(lines, CurrencyAmount.TotalsPerCurrency(lines.Select(l => l.MonthlyCost)));
    }

    /// <summary>
    /// The Active users view of one report line: the users holding the product's license idly in that category, as
    /// <see cref="GetAsync"/> counts them. Seeing it needs only what seeing Active users needs; it shows no money.
    /// </summary>
    public async Task<UserFilter> ViewAsync(Caller caller, IdleSpendCategory category, Guid productId, string? search, CancellationToken cancellationToken)
    {
        if (!HeldCategories.Contains(category)) throw new ArgumentOutOfRangeException(nameof(category), category, "Unused seats are held by nobody.");
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        var plansOf = category == IdleSpendCategory.Redundant ? await PlansOfHeldProductsAsync(db, cancellationToken) : new Dictionary<Guid, IReadOnlySet<Guid>>();
        return Filter(category, productId, search, InactiveBefore, plansOf);
    }

    private DateTime InactiveBefore => clock.GetUtcNow().UtcDateTime.AddDays(-InactiveDays);

    private static UserFilter Filter(IdleSpendCategory category, Guid productId, string? search, DateTime inactiveBefore,
        IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> plansOf) =>
        new(UserView.IdleLicenses, productId, string.IsNullOrWhiteSpace(search) ? null : search,
            new IdleHolding(category, inactiveBefore,
                category == IdleSpendCategory.Redundant ? RedundantLicenses.CoveringProducts(productId, plansOf) : []));

    /// <summary>The catalog's service plans of every product someone in the tenant holds: only a held product can cover another.</summary>
    private static async Task<Dictionary<Guid, IReadOnlySet<Guid>>> PlansOfHeldProductsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        (await db.ProductServicePlans.AsNoTracking().Where(p => db.LicenseAssignments.Any(a => a.ProductId == p.ProductId))
            .Select(p => new { p.ProductId, p.ServicePlanId }).ToListAsync(cancellationToken))
        .GroupBy(p => p.ProductId)
        .ToDictionary(g => g.Key, g => (IReadOnlySet<Guid>)g.Select(p => p.ServicePlanId).ToHashSet());

    private static IdleSpendLine Line(ProductSeatSummary product, CurrencyAmount price, IdleSpendCategory category, int licenses) =>
        new(product.ProductId, product.DisplayName, product.PartNumber, category, licenses,
            new CurrencyAmount(price.Currency, price.Amount * licenses));
}
