using LicenseAdmin.Domain.Subscriptions;

namespace LicenseAdmin.Domain.Tests.Subscriptions;

public class SubscriptionTests
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static Subscription Create(int enabledUnits = 10, SubscriptionStatus status = SubscriptionStatus.Enabled) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), enabledUnits, status, Start, Start.AddYears(1), false, 20m, "EUR");

    [Fact]
    public void AddUnits_OnEnabledSubscription_AddsEnabledSeats()
    {
        var subscription = Create(10);

        subscription.AddUnits(5);

        Assert.Equal(15, subscription.EnabledUnits);
        Assert.Equal(15, subscription.CountedSeats);
        Assert.Equal(new CurrencyAmount("EUR", 300m), subscription.MonthlyCost);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void AddUnits_OfLessThanOne_IsRefused(int units)
    {
        var error = Assert.Throws<DomainException>(() => Create().AddUnits(units));

        Assert.Equal("InvalidQuantity", error.Code);
        Assert.Equal("The number of licenses to buy must be at least 1.", error.Message);
    }

    [Theory]
    [InlineData(SubscriptionStatus.Suspended, "Licenses cannot be bought on a suspended subscription.")]
    [InlineData(SubscriptionStatus.Deleted, "Licenses cannot be bought on a deleted subscription.")]
    [InlineData(SubscriptionStatus.LockedOut, "Licenses cannot be bought on a lockedout subscription.")]
    public void AddUnits_OnInactiveSubscription_IsRefused(SubscriptionStatus status, string message)
    {
        var error = Assert.Throws<DomainException>(() => Create(status: status).AddUnits(1));

        Assert.Equal("SubscriptionNotActive", error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AddUnits_OnSubscriptionInWarning_IsAllowed()
    {
        var subscription = Create(status: SubscriptionStatus.Warning);

        subscription.AddUnits(1);

        Assert.Equal(11, subscription.EnabledUnits);
    }

    [Fact]
    public void RemoveUnits_UpToTheEnabledUnits_RemovesThem()
    {
        var subscription = Create(10);

        subscription.RemoveUnits(10);

        Assert.Equal(0, subscription.EnabledUnits);
    }

    [Fact]
    public void RemoveUnits_MoreThanEnabled_SaysHowManyThereAre()
    {
        var error = Assert.Throws<DomainException>(() => Create(10).RemoveUnits(11));

        Assert.Equal("InvalidQuantity", error.Code);
        Assert.Equal("This subscription has only 10 enabled licenses; 11 cannot be removed.", error.Message);
    }

    [Fact]
    public void RemoveUnits_OfLessThanOne_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() => Create().RemoveUnits(0));

        Assert.Equal("The number of licenses to remove must be at least 1.", error.Message);
    }

    [Fact]
    public void CountedSeats_AreEnabledPlusWarningUnitsOnly()
    {
        var subscription = Create();

        subscription.SetState(SubscriptionStatus.Warning, 4, 3, 2, 1);

        Assert.Equal(7, subscription.CountedSeats);
    }

    [Fact]
    public void Constructor_WithRenewalBeforeStart_IsRefused()
    {
        Assert.Throws<ArgumentException>(() =>
            new Subscription(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, SubscriptionStatus.Enabled, Start, Start.AddDays(-1), false, 1m, "EUR"));
    }

    [Fact]
    public void MonthlyCostsOf_SubscriptionsInTwoCurrencies_GivesOneAmountPerCurrency_AndSkipsDeletedOnes()
    {
        var euro = Create(10);
        var dollar = new Subscription(Guid.NewGuid(), euro.TenantId, euro.ProductId, 4, SubscriptionStatus.Enabled, Start, Start.AddYears(1), false, 5m, "USD");
        var deleted = Create(7, SubscriptionStatus.Deleted);

        var costs = Subscription.MonthlyCostsOf([euro, dollar, Create(1), deleted]);

        Assert.Equal([new CurrencyAmount("EUR", 220m), new CurrencyAmount("USD", 20m)], costs);
    }

    [Fact]
    public void TotalSeatsOf_CountsEnabledAndWarningUnitsOfLiveSubscriptionsOnly()
    {
        var warning = Create(2);
        warning.SetState(SubscriptionStatus.Warning, 2, 3, 0, 0);

        Assert.Equal(15, Subscription.TotalSeatsOf([Create(10), warning, Create(9, SubscriptionStatus.Deleted)]));
    }
}
