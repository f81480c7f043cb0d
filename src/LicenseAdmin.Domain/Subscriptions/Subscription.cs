namespace LicenseAdmin.Domain.Subscriptions;

/// <summary>
/// A tenant's purchase of one product. Several subscriptions of one product add up.
/// Only enabled and warning units count as seats (see <see cref="CountedSeats"/>).
/// </summary>
public sealed class Subscription : ITenantOwned
{
    public Subscription(
        Guid id, Guid tenantId, Guid productId, int enabledUnits, SubscriptionStatus status,
        DateTime startUtc, DateTime nextRenewalUtc, bool isTrial, decimal pricePerUnitMonthly, string currency)
    {
        if (enabledUnits < 0) throw new ArgumentOutOfRangeException(nameof(enabledUnits), "Units cannot be negative.");
        if (pricePerUnitMonthly < 0) throw new ArgumentOutOfRangeException(nameof(pricePerUnitMonthly), "A price cannot be negative.");
        if (nextRenewalUtc < startUtc) throw new ArgumentException("A subscription cannot renew before it starts.");
        Id = id;
        TenantId = tenantId;
        ProductId = productId;
        EnabledUnits = enabledUnits;
        Status = status;
        StartUtc = startUtc;
        NextRenewalUtc = nextRenewalUtc;
        IsTrial = isTrial;
        PricePerUnitMonthly = pricePerUnitMonthly;
        Currency = currency;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ProductId { get; private set; }
    public int EnabledUnits { get; private set; }
    public int WarningUnits { get; private set; }
    public int SuspendedUnits { get; private set; }
    public int LockedOutUnits { get; private set; }
    public SubscriptionStatus Status { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime NextRenewalUtc { get; private set; }
    public bool IsTrial { get; private set; }
    public decimal PricePerUnitMonthly { get; private set; }
    public string Currency { get; private set; }

    /// <summary>Seats this subscription contributes: enabled + warning units (docs/product-rules.md, "Seats").</summary>
    public int CountedSeats => EnabledUnits + WarningUnits;

    /// <summary>A deleted subscription adds no seats, no cost and does not make its product subscribed.</summary>
    public bool IsLive => Status != SubscriptionStatus.Deleted;

    /// <summary>What the counted seats cost per month, in the subscription's own currency.</summary>
    public CurrencyAmount MonthlyCost => new(Currency, PricePerUnitMonthly * CountedSeats);

    /// <summary>The seats of a product: the counted seats of its live subscriptions.</summary>
    public static int TotalSeatsOf(IEnumerable<Subscription> subscriptions) =>
        subscriptions.Where(s => s.IsLive).Sum(s => s.CountedSeats);

    /// <summary>The monthly cost of live subscriptions, one amount per currency (currencies are never added together).</summary>
    public static IReadOnlyList<CurrencyAmount> MonthlyCostsOf(IEnumerable<Subscription> subscriptions) =>
        CurrencyAmount.TotalsPerCurrency(subscriptions.Where(s => s.IsLive).Select(s => s.MonthlyCost));

    public void AddUnits(int units)
    {
        if (units <= 0) throw new DomainException("InvalidQuantity", "The number of licenses to buy must be at least 1.");
        if (Status is SubscriptionStatus.Deleted or SubscriptionStatus.Suspended or SubscriptionStatus.LockedOut)
            throw new DomainException(new DomainMessage("SubscriptionNotActive", "Licenses cannot be bought on a {Status} subscription.",
                new { Status = InactiveStatus() }));
        EnabledUnits += units;
    }

    public void RemoveUnits(int units)
    {
        if (units <= 0) throw new DomainException("InvalidQuantity", "The number of licenses to remove must be at least 1.");
        if (units > EnabledUnits)
            throw new DomainException(new DomainMessage("InvalidQuantity",
                "This subscription has only {Enabled} enabled licenses; {Units} cannot be removed.", new { Enabled = EnabledUnits, Units = units }));
        EnabledUnits -= units;
    }

    /// <summary>The status a purchase is refused for, as the refusal words it.</summary>
    private DomainMessage InactiveStatus() => Status switch
    {
        SubscriptionStatus.Deleted => new DomainMessage("SubscriptionStatus", "deleted"),
        SubscriptionStatus.Suspended => new DomainMessage("SubscriptionStatus", "suspended"),
        _ => new DomainMessage("SubscriptionStatus", "lockedout"),
    };

    /// <summary>Moves the subscription into a lifecycle state with its units (used by demo data and billing events).</summary>
    public void SetState(SubscriptionStatus status, int enabledUnits, int warningUnits, int suspendedUnits, int lockedOutUnits)
    {
        if (enabledUnits < 0 || warningUnits < 0 || suspendedUnits < 0 || lockedOutUnits < 0)
            throw new ArgumentOutOfRangeException(nameof(enabledUnits), "Units cannot be negative.");
        Status = status;
        EnabledUnits = enabledUnits;
        WarningUnits = warningUnits;
        SuspendedUnits = suspendedUnits;
        LockedOutUnits = lockedOutUnits;
    }
}
