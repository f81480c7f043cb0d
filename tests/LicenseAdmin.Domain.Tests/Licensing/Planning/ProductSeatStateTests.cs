using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Subscriptions;

namespace LicenseAdmin.Domain.Tests.Licensing.Planning;

public class ProductSeatStateTests
{
    private static readonly Guid Product = TestCatalog.E3;
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static Subscription Subscription(SubscriptionStatus status, int enabled, int warning = 0, int suspended = 0, int lockedOut = 0)
    {
        var subscription = new Subscription(Guid.NewGuid(), Guid.NewGuid(), Product, 0, SubscriptionStatus.Enabled,
            Start, Start.AddYears(1), false, 20m, "EUR");
        subscription.SetState(status, enabled, warning, suspended, lockedOut);
        return subscription;
    }

    [Fact]
    public void FromSubscriptions_CountsEnabledAndWarningUnitsOfEverySubscription()
    {
        var seats = ProductSeatState.FromSubscriptions(Product,
            [Subscription(SubscriptionStatus.Enabled, 10), Subscription(SubscriptionStatus.Warning, 0, warning: 5)], assignedSeats: 12);

        Assert.Equal((15, 12, 3), (seats.TotalSeats, seats.AssignedSeats, seats.AvailableSeats));
        Assert.True(seats.IsSubscribed);
        Assert.False(seats.IsSuspended);
    }

    [Fact]
    public void FromSubscriptions_WithOnlySuspendedOrLockedOutSubscriptions_IsSuspended()
    {
        var seats = ProductSeatState.FromSubscriptions(Product,
            [Subscription(SubscriptionStatus.Suspended, 0, suspended: 10), Subscription(SubscriptionStatus.LockedOut, 0, lockedOut: 3)], 0);

        Assert.True(seats.IsSuspended);
        Assert.Equal(0, seats.TotalSeats);
    }

    [Fact]
    public void FromSubscriptions_WithAnEnabledSubscriptionNextToASuspendedOne_IsNotSuspended()
    {
        var seats = ProductSeatState.FromSubscriptions(Product,
            [Subscription(SubscriptionStatus.Suspended, 0, suspended: 10), Subscription(SubscriptionStatus.Enabled, 2)], 0);

        Assert.False(seats.IsSuspended);
    }

    [Fact]
    public void FromSubscriptions_WithOnlyDeletedSubscriptions_IsNotSubscribed()
    {
        var seats = ProductSeatState.FromSubscriptions(Product, [Subscription(SubscriptionStatus.Deleted, 5)], 0);

        Assert.False(seats.IsSubscribed);
        Assert.Equal(0, seats.TotalSeats);
    }

    [Fact]
    public void AvailableSeats_WhenMoreAreAssignedThanBought_IsNegative()
    {
        Assert.Equal(-2, new ProductSeatState(Product, 3, 5, true, false).AvailableSeats);
    }

    [Fact]
    public void SeatsOf_ProductWithoutRow_IsNotSubscribed()
    {
        var state = new LicensingState([], []);

        Assert.False(state.SeatsOf(Product).IsSubscribed);
    }
}
