using LicenseAdmin.Domain.Subscriptions;

namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>The tenant's seats of one product (docs/product-rules.md, "Seats").</summary>
/// <param name="ProductId">The product.</param>
/// <param name="TotalSeats">Enabled + warning units of the product's subscriptions.</param>
/// <param name="AssignedSeats">Users (not deleted) that hold the product.</param>
/// <param name="IsSubscribed">The tenant has a subscription for the product that is not deleted.</param>
/// <param name="IsSuspended">No subscription of the product is enabled or in warning, and one is suspended or locked out.</param>
public sealed record ProductSeatState(Guid ProductId, int TotalSeats, int AssignedSeats, bool IsSubscribed, bool IsSuspended)
{
    /// <summary>May be negative when a subscription was reduced below the assigned count (a license conflict).</summary>
    public int AvailableSeats => TotalSeats - AssignedSeats;

    /// <summary>Why the product cannot be given to anyone now (not subscribed, or suspended), or null when it can.</summary>
    public ViolationCode? AssignmentBlocker =>
        !IsSubscribed ? ViolationCode.ProductNotSubscribed
        : IsSuspended ? ViolationCode.SubscriptionSuspended
        : null;

    /// <summary>Sums a product's subscriptions the way the seats rule counts them.</summary>
    public static ProductSeatState FromSubscriptions(Guid productId, IEnumerable<Subscription> subscriptions, int assignedSeats)
    {
        var own = subscriptions.Where(s => s.ProductId == productId).ToList();
        return FromCounter(productId, Subscription.TotalSeatsOf(own), assignedSeats, own.Select(s => s.Status));
    }

    /// <summary>
    /// A product's seats from its seat counter (the totals a write moves) and the statuses of its subscriptions:
    /// subscribed while one subscription is not deleted; suspended when none is enabled or in warning and one is
    /// suspended or locked out.
    /// </summary>
    public static ProductSeatState FromCounter(Guid productId, int totalSeats, int assignedSeats, IEnumerable<SubscriptionStatus> statuses)
    {
        var live = statuses.Where(s => s != SubscriptionStatus.Deleted).ToList();
        var anyActive = live.Any(s => s is SubscriptionStatus.Enabled or SubscriptionStatus.Warning);
        var anyBlocked = live.Any(s => s is SubscriptionStatus.Suspended or SubscriptionStatus.LockedOut);
        return new ProductSeatState(productId, totalSeats, assignedSeats, live.Count > 0, !anyActive && anyBlocked);
    }
}

/// <summary>One user as the planner sees it: identity for messages, the rules' inputs and the current licenses.</summary>
public sealed record UserLicenseState(
    Guid UserId,
    string UserPrincipalName,
    string DisplayName,
    bool IsDeleted,
    string? UsageLocation,
    IReadOnlyList<ProductLicense> Licenses)
{
    /// <summary>A user needs a usage location to be given a license.</summary>
    public bool HasUsageLocation => !string.IsNullOrWhiteSpace(UsageLocation);
}

/// <summary>A user's licenses at some point: the licenses a deleted user had, or the state an undo returns to.</summary>
public sealed record UserLicenses(Guid UserId, IReadOnlyList<ProductLicense> Licenses);

/// <summary>The tenant's current state, indexed by id. Built by a service from database rows.</summary>
public sealed class LicensingState
{
    private readonly Dictionary<Guid, ProductSeatState> _seats;
    private readonly Dictionary<Guid, UserLicenseState> _users;

    public LicensingState(IEnumerable<ProductSeatState> seats, IEnumerable<UserLicenseState> users)
    {
        _seats = seats.ToDictionary(s => s.ProductId);
        _users = users.ToDictionary(u => u.UserId);
    }

    /// <summary>Seats of the product; a product the tenant never bought has no row and counts as not subscribed.</summary>
    public ProductSeatState SeatsOf(Guid productId) =>
        _seats.TryGetValue(productId, out var seats) ? seats : new ProductSeatState(productId, 0, 0, false, false);

    public bool TryGetUser(Guid userId, out UserLicenseState user) => _users.TryGetValue(userId, out user!);
}
