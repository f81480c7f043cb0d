using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing.Planning;
using static LicenseAdmin.Domain.Tests.Licensing.Planning.TestCatalog;

namespace LicenseAdmin.Domain.Tests.Licensing.Planning;

public class RemoveLicenseTests
{
    private readonly TestTenant _tenant = new();

    [Fact]
    public void Remove_HeldProduct_RemovesItReleasesTheSeatAndLosesEveryFamilyItProvided()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3), Licenses.Of(WorkplaceAnalytics, WorkplaceAnalyticsPlan));

        var plan = _tenant.Plan(new RemoveLicense([anna.UserId], E3));

        Assert.True(plan.CanApply);
        Assert.Equal([E3], plan.For(anna).Removed);
        Assert.Equal([WorkplaceAnalytics], plan.For(anna).Final.Select(l => l.ProductId));
        var seats = Assert.Single(plan.Seats);
        Assert.Equal((0, 1, -1), (seats.SeatsNeeded, seats.SeatsReleased, seats.NetChange));
        Assert.True(plan.For(anna).Provisioning.Lost.SetEquals(
            [ServiceFamily.Exchange, ServiceFamily.SharePoint, ServiceFamily.SkypeForBusiness, ServiceFamily.OfficeApps]));
    }

    [Fact]
    public void Remove_ProductTheUserDoesNotHold_ReportsProductNotAssigned()
    {
        var anna = _tenant.User("anna", Licenses.Of(ExchangeOnlinePlan1));

        var plan = _tenant.Plan(new RemoveLicense([anna.UserId], E3));

        Assert.Equal("anna@contoso.com does not have Office 365 E3.", plan.Single(ViolationCode.ProductNotAssigned).Message);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Remove_FromSuspendedOrUnsubscribedProduct_IsAllowed()
    {
        _tenant.WithSeats(E3, 1, suspended: true).WithoutSubscription(ExchangeOnlinePlan1);
        var anna = _tenant.User("anna", Licenses.Of(E3));
        var bo = _tenant.User("bo", Licenses.Of(ExchangeOnlinePlan1));

        Assert.True(_tenant.Plan(new RemoveLicense([anna.UserId], E3)).CanApply);
        Assert.True(_tenant.Plan(new RemoveLicense([bo.UserId], ExchangeOnlinePlan1)).CanApply);
    }

    [Fact]
    public void Remove_ExchangeThatWorkplaceAnalyticsNeeds_ReportsDependencyViolation()
    {
        var anna = _tenant.User("anna", Licenses.Of(ExchangeOnlinePlan1), Licenses.Of(WorkplaceAnalytics));

        var plan = _tenant.Plan(new RemoveLicense([anna.UserId], ExchangeOnlinePlan1));

        Assert.False(plan.IsValid);
        Assert.Equal(WorkplaceAnalytics, plan.Single(ViolationCode.DependencyViolation).ProductId);
    }

    [Fact]
    public void Remove_UnknownProduct_ReportsUnknownProductOnce()
    {
        var anna = _tenant.User("anna");
        var bo = _tenant.User("bo");
        var unknown = Guid.Parse("00000000-0000-0000-0000-000000000002");

        var plan = _tenant.Plan(new RemoveLicense(Licenses.Ids(anna, bo), unknown));

        Assert.Equal($"The product {unknown} is not in the catalog.", plan.Single(ViolationCode.UnknownProduct).Message);
    }

    [Fact]
    public void Remove_ForUserWithoutUsageLocation_IsAllowed()
    {
        var anna = _tenant.UserWithoutUsageLocation("anna", Licenses.Of(E3));

        Assert.True(_tenant.Plan(new RemoveLicense([anna.UserId], E3)).CanApply);
    }
}
