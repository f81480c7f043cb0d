using System.Globalization;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Subscriptions;

namespace LicenseAdmin.Infrastructure.Services.Subscriptions;

/// <summary>A product's seats after a purchase or reduction.</summary>
public sealed record SeatTotalChange(Guid ProductId, string Product, int TotalBefore, int TotalAfter, int Assigned);

/// <summary>
/// A product of the Licenses page. The monthly cost has one amount per currency of the product's subscriptions,
/// never a sum across currencies; it is null for roles that may not see prices.
/// </summary>
public sealed record ProductSubscriptionSummary(
    Guid ProductId, string Product, int Total, int Assigned, SubscriptionStatus Status, DateTime NextRenewalUtc,
    IReadOnlyList<CurrencyAmount>? MonthlyCosts)
{
    public int Available => Total - Assigned;
}

/// <summary>Assigned exceeds total (a reduced or expired subscription) and how to end it.</summary>
public sealed record LicenseConflict(Guid ProductId, string Product, int Total, int Assigned)
{
    public int Excess => Assigned - Total;

    public IReadOnlyList<DomainMessage> Fixes =>
    [
        new DomainMessage("LicenseConflict", "Buy {Licenses} of {Product}.", new { Licenses = SubscriptionRefusals.Licenses(Excess), Product }),
        new DomainMessage("LicenseConflict", "Unassign {Licenses} of {Product}.", new { Licenses = SubscriptionRefusals.Licenses(Excess), Product }),
        Excess == 1
            ? new DomainMessage("LicenseConflict", "Delete 1 user who holds {Product}.", new { Product })
            : new DomainMessage("LicenseConflict", "Delete {Count} users who hold {Product}.", new { Count = Excess, Product }),
    ];
}

public sealed class SubscriptionChangeRefusedException(DomainMessage reason) : DomainException(reason);

/// <summary>Every sentence the subscription service refuses with.</summary>
public static class SubscriptionRefusals
{
    /// <summary>A sanity bound: nobody buys or cuts a million licenses in one click; such a number is a typing error.</summary>
    public const int MaxUnitsPerChange = 1_000_000;

    public static SubscriptionChangeRefusedException BadQuantity(int units, LicenseCountVerb verb) => verb == LicenseCountVerb.Buy
        ? Refuse("InvalidQuantity", "{Units} is not a number of licenses you can buy: choose between 1 and {Max:N0}.", new { Units = units, Max = MaxUnitsPerChange })
        : Refuse("InvalidQuantity", "{Units} is not a number of licenses you can reduce: choose between 1 and {Max:N0}.", new { Units = units, Max = MaxUnitsPerChange });

    public static SubscriptionChangeRefusedException UnknownProduct(Guid productId) =>
        Refuse("UnknownProduct", "There is no product {Product} in the catalog.", new { Product = productId });

    public static SubscriptionChangeRefusedException NoPrice(string product) =>
        Refuse("PriceRequired", "The organisation has no subscription for {Product} yet; give the price per license per month to buy it.", new { Product = product });

    public static SubscriptionChangeRefusedException BadPrice(decimal price) =>
        Refuse("InvalidPrice", "{Price} is not a price: a price per license cannot be negative.", new { Price = price });

    public static SubscriptionChangeRefusedException NotSubscribed(string product) =>
        Refuse("ProductNotSubscribed", "The organisation has no active subscription for {Product}, so there is nothing to reduce.", new { Product = product });

    public static SubscriptionChangeRefusedException MoreThanOwned(string product, int units, int reducible) =>
        Refuse("InvalidQuantity", "{Product} has {Licenses} that can be reduced; {Units} cannot be removed.",
            new { Product = product, Licenses = Licenses(reducible), Units = units });

    /// <summary>"Office 365 E3 has 20 licenses assigned; unassign 3 licenses before reducing to 17."</summary>
    public static SubscriptionChangeRefusedException BelowAssigned(string product, int assigned, int target) =>
        Refuse("BelowAssigned", "{Product} has {Assigned} assigned; unassign {Excess} before reducing to {Target}.",
            new { Product = product, Assigned = Licenses(assigned), Excess = Licenses(assigned - target), Target = target });

    public static SubscriptionChangeRefusedException ConcurrentChange() =>
        Refuse("ConcurrentChange", "Another admin changed the licenses of this product at the same time. Nothing was changed; review the product and try again.");

    /// <summary>"1 license", "3 licenses": a message, so the portal says it in the admin's language too.</summary>
    public static DomainMessage Licenses(int count) => count == 1
        ? new DomainMessage("Licenses", "1 license")
        : new DomainMessage("Licenses", "{Count} licenses", new { Count = count });

    private static SubscriptionChangeRefusedException Refuse(string code, string template, object? values = null) => new(new DomainMessage(code, template, values));
}

/// <summary>Which way a license count changes, for the refusal's wording.</summary>
public enum LicenseCountVerb
{
    Buy,
    Reduce,
}
