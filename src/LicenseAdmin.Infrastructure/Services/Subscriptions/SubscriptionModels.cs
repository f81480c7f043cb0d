using System.Globalization;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Subscriptions;

namespace LicenseAdmin.Infrastructure.Services.Subscriptions;

/// <summary>A product's seats after a purchase or reduction.</summary>
public sealed record SeatTotalChange(Guid ProductId, string Product, int TotalBefore, int TotalAfter, int Assigned);

/// <summary>A product of the Licenses page. Price and cost are null for roles that may not see them.</summary>
public sealed record ProductSubscriptionSummary(
    Guid ProductId, string Product, int Total, int Assigned, SubscriptionStatus Status, DateTime NextRenewalUtc,
    decimal? MonthlyCost, string? Currency)
{
    public int Available => Total - Assigned;
}

/// <summary>Assigned exceeds total (a reduced or expired subscription) and how to end it.</summary>
public sealed record LicenseConflict(Guid ProductId, string Product, int Total, int Assigned)
{
    public int Excess => Assigned - Total;

    public IReadOnlyList<string> Fixes =>
    [
        $"Buy {SubscriptionRefusals.Licenses(Excess)} of {Product}.",
        $"Unassign {SubscriptionRefusals.Licenses(Excess)} of {Product}.",
        $"Delete {(Excess == 1 ? "1 user" : $"{Excess} users")} who hold {Product}.",
    ];
}

public sealed class SubscriptionChangeRefusedException(string code, string message) : DomainException(code, message);

/// <summary>Every sentence the subscription service refuses with.</summary>
public static class SubscriptionRefusals
{
    /// <summary>A sanity bound: nobody buys or cuts a million licenses in one click; such a number is a typing error.</summary>
    public const int MaxUnitsPerChange = 1_000_000;

    public static SubscriptionChangeRefusedException BadQuantity(int units, string verb) =>
        new("InvalidQuantity", $"{units} is not a number of licenses you can {verb}: choose between 1 and {MaxUnitsPerChange.ToString("N0", CultureInfo.InvariantCulture)}.");

    public static SubscriptionChangeRefusedException UnknownProduct(Guid productId) =>
        new("UnknownProduct", $"There is no product {productId} in the catalog.");

    public static SubscriptionChangeRefusedException NoPrice(string product) =>
        new("PriceRequired", $"The organisation has no subscription for {product} yet; give the price per license per month to buy it.");

    public static SubscriptionChangeRefusedException BadPrice(decimal price) =>
        new("InvalidPrice", $"{price} is not a price: a price per license cannot be negative.");

    public static SubscriptionChangeRefusedException NotSubscribed(string product) =>
        new("ProductNotSubscribed", $"The organisation has no active subscription for {product}, so there is nothing to reduce.");

    public static SubscriptionChangeRefusedException MoreThanOwned(string product, int units, int reducible) =>
        new("InvalidQuantity", $"{product} has {Licenses(reducible)} that can be reduced; {units} cannot be removed.");

    /// <summary>"Office 365 E3 has 20 licenses assigned; unassign 3 licenses before reducing to 17."</summary>
    public static SubscriptionChangeRefusedException BelowAssigned(string product, int assigned, int target) =>
        new("BelowAssigned",
            $"{product} has {Licenses(assigned)} assigned; unassign {Licenses(assigned - target)} before reducing to {target}.");

    public static string Licenses(int count) => count == 1 ? "1 license" : $"{count} licenses";
}
