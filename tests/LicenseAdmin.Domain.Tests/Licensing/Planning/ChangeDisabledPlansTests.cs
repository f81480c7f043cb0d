using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing.Planning;
using static LicenseAdmin.Domain.Tests.Licensing.Planning.TestCatalog;

namespace LicenseAdmin.Domain.Tests.Licensing.Planning;

public class ChangeDisabledPlansTests
{
    private readonly TestTenant _tenant = new();

    [Fact]
    public void ChangePlans_ReplacesTheDisabledSetInsteadOfAddingToIt()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3, SkypePlan2, Teams));

        var plan = _tenant.Plan(new ChangeDisabledPlans([anna.UserId], Licenses.Of(E3, OfficeApps)));

        var change = Assert.Single(plan.For(anna).Changed);
        Assert.True(change.Before.SetEquals([SkypePlan2, Teams]));
        Assert.Equal([OfficeApps], change.After);
        Assert.True(plan.CanApply);
    }

    [Fact]
    public void ChangePlans_OfProductTheUserDoesNotHold_ReportsProductNotAssigned()
    {
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(new ChangeDisabledPlans([anna.UserId], Licenses.Of(E3, OfficeApps)));

        var violation = plan.Single(ViolationCode.ProductNotAssigned);
        Assert.Equal("anna@contoso.com does not have Office 365 E3.", violation.Message);
        Assert.Equal((anna.UserId, E3), (violation.UserId, violation.ProductId));
        Assert.True(plan.For(anna).IsUnchanged);
    }

    [Fact]
    public void ChangePlans_TurningOffExchange_LosesTheMailboxAndNeedsNoSeat()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3));

        var plan = _tenant.Plan(new ChangeDisabledPlans([anna.UserId], Licenses.Of(E3, ExchangePlan2)));

        Assert.Equal([ServiceFamily.Exchange], plan.For(anna).Provisioning.Lost);
        Assert.Empty(plan.For(anna).Provisioning.Gained);
        Assert.Equal(0, plan.SeatsNeeded(E3));
        Assert.Empty(plan.Seats);
    }

    [Fact]
    public void ChangePlans_TurningOffExchangeThatWorkplaceAnalyticsNeeds_ReportsDependencyViolation()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3), Licenses.Of(WorkplaceAnalytics));

        var plan = _tenant.Plan(new ChangeDisabledPlans([anna.UserId], Licenses.Of(E3, ExchangePlan2)));

        Assert.Contains("Microsoft Workplace Analytics (Microsoft Workplace Analytics) needs", plan.Single(ViolationCode.DependencyViolation).Message);
    }

    [Fact]
    public void ChangePlans_ToTheSetTheUserAlreadyHas_IsUnchanged()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3, SkypePlan2));

        var plan = _tenant.Plan(new ChangeDisabledPlans([anna.UserId], Licenses.Of(E3, SkypePlan2)));

        Assert.True(plan.IsValid);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void ChangePlans_OnSuspendedSubscription_ReportsSubscriptionSuspended()
    {
        _tenant.WithSeats(E3, 5, suspended: true);
        var anna = _tenant.User("anna", Licenses.Of(E3));

        var plan = _tenant.Plan(new ChangeDisabledPlans([anna.UserId], Licenses.Of(E3, SkypePlan2)));

        Assert.Equal(E3, plan.Single(ViolationCode.SubscriptionSuspended).ProductId);
    }

    [Fact]
    public void ChangePlans_ForUserWithoutUsageLocation_IsAllowedBecauseNoProductIsAdded()
    {
        var anna = _tenant.UserWithoutUsageLocation("anna", Licenses.Of(E3));

        var plan = _tenant.Plan(new ChangeDisabledPlans([anna.UserId], Licenses.Of(E3, SkypePlan2)));

        Assert.True(plan.CanApply);
    }

    [Fact]
    public void ChangePlans_TurningSharePointBackOnNextToBusinessBasic_ReportsMutuallyExclusiveViolation()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3, SharePointPlan2), Licenses.Of(BusinessBasic));

        var plan = _tenant.Plan(new ChangeDisabledPlans([anna.UserId], Licenses.Of(E3)));

        Assert.Equal(anna.UserId, plan.Single(ViolationCode.MutuallyExclusiveViolation).UserId);
    }
}
