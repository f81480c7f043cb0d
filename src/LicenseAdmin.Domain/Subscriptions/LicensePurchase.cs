namespace LicenseAdmin.Domain.Subscriptions;

/// <summary>A purchase (positive units) or reduction (negative units) of licenses, with the price at the time.</summary>
public sealed class LicensePurchase(
    Guid id, Guid tenantId, Guid subscriptionId, Guid productId, int units, decimal pricePerUnitMonthly,
    string currency, DateTime occurredUtc, string actorUpn) : ITenantOwned
{
    public Guid Id { get; private set; } = id;
    public Guid TenantId { get; private set; } = tenantId;
    public Guid SubscriptionId { get; private set; } = subscriptionId;
    public Guid ProductId { get; private set; } = productId;
    public int Units { get; private set; } = units;
    public decimal PricePerUnitMonthly { get; private set; } = pricePerUnitMonthly;
    public string Currency { get; private set; } = currency;
    public DateTime OccurredUtc { get; private set; } = occurredUtc;
    public string ActorUpn { get; private set; } = actorUpn;
}
