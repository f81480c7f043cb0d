using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing.Planning;
using static LicenseAdmin.Domain.Tests.Licensing.Planning.TestCatalog;

namespace LicenseAdmin.Domain.Tests.Licensing.Planning;

public class AssignLicenseTests
{
    private readonly TestTenant _tenant = new();

    [Fact]
    public void Assign_ToUnlicensedUser_AddsProductWithAllPlansOnAndTakesOneSeat()
    {
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], ProductLicense.AllPlansOn(E3)));

        Assert.True(plan.CanApply);
        var added = Assert.Single(plan.For(anna).Added);
        Assert.Equal(E3, added.ProductId);
        Assert.Empty(added.DisabledPlanIds);
        var seats = Assert.Single(plan.Seats);
        Assert.Equal((1, 0, 100), (seats.SeatsNeeded, seats.SeatsReleased, seats.SeatsFree));
    }

    [Fact]
    public void Assign_WithDisabledPlans_AddsProductWithThosePlansOff()
    {
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(E3, SharePointPlan2, OfficeApps)));

        Assert.True(plan.IsValid);
        Assert.True(Assert.Single(plan.For(anna).Added).DisabledPlanIds.SetEquals([SharePointPlan2, OfficeApps]));
    }

    [Fact]
    public void Assign_SameChangeTwice_ChangesNothingTheSecondTimeAndConsumesNoSeat()
    {
        var anna = _tenant.User("anna");
        var change = new AssignLicense([anna.UserId], Licenses.Of(E3, SkypePlan2));
        _tenant.Apply(_tenant.Plan(change));

        var second = _tenant.Plan(change);

        Assert.True(second.IsValid);
        Assert.False(second.HasChanges);
        Assert.False(second.CanApply);
        Assert.True(second.For(anna).IsUnchanged);
        Assert.Equal(0, second.SeatsNeeded(E3));
    }

    [Fact]
    public void Assign_ToUserHoldingProductWithOtherDisabledPlans_ChangesDisabledPlansWithoutTakingASeat()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3, SkypePlan2));

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(E3, OfficeApps)));

        var change = Assert.Single(plan.For(anna).Changed);
        Assert.Equal([SkypePlan2], change.Before);
        Assert.Equal([OfficeApps], change.After);
        Assert.Equal(0, plan.SeatsNeeded(E3));
        Assert.True(plan.IsValid);
    }

    [Fact]
    public void Assign_WhenNoSeatIsFree_ReportsCountViolation()
    {
        _tenant.WithSeats(E3, 1);
        _tenant.User("bo", Licenses.Of(E3));
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(E3)));

        Assert.False(plan.IsValid);
        Assert.False(plan.CanApply);
        Assert.Equal("Office 365 E3: 1 seat needed, 0 available.", plan.Single(ViolationCode.CountViolation).Message);
    }

    [Fact]
    public void Assign_ToMoreUsersThanSeats_SaysHowManySeatsAreNeededAndAvailable()
    {
        _tenant.WithSeats(E3, 12);
        var users = Enumerable.Range(0, 37).Select(i => _tenant.User($"user{i}")).ToArray();

        var plan = _tenant.Plan(new AssignLicense(Licenses.Ids(users), Licenses.Of(E3)));

        var violation = plan.Single(ViolationCode.CountViolation);
        Assert.Equal("Office 365 E3: 37 seats needed, 12 available.", violation.Message);
        Assert.Equal(E3, violation.ProductId);
    }

    [Fact]
    public void Assign_WhenTenantHasALicenseConflict_ReportsNoNegativeAvailability()
    {
        _tenant.WithSeats(E3, 1);
        _tenant.User("bo", Licenses.Of(E3));
        _tenant.User("cy", Licenses.Of(E3));
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(E3)));

        Assert.Equal("Office 365 E3: 1 seat needed, 0 available.", plan.Single(ViolationCode.CountViolation).Message);
    }

    [Fact]
    public void Assign_ToUserWithoutUsageLocation_ReportsUsageLocationRequired()
    {
        var anna = _tenant.UserWithoutUsageLocation("anna");

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(E3)));

        var violation = plan.Single(ViolationCode.UsageLocationRequired);
        Assert.Equal("anna@contoso.com has no usage location. Set the user's country before assigning licenses.", violation.Message);
        Assert.Equal(anna.UserId, violation.UserId);
    }

    [Fact]
    public void Assign_ToDeletedUser_ReportsUserDeletedAndChangesNothingForThem()
    {
        var anna = _tenant.DeletedUser("anna");

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(E3)));

        Assert.Equal("anna@contoso.com is deleted. Restore the user before changing licenses.", plan.Single(ViolationCode.UserDeleted).Message);
        Assert.True(plan.For(anna).IsUnchanged);
        Assert.Equal(0, plan.SeatsNeeded(E3));
    }

    [Fact]
    public void Assign_ProductWithoutSubscription_ReportsProductNotSubscribed()
    {
        _tenant.WithoutSubscription(WorkplaceAnalytics);
        var anna = _tenant.User("anna", Licenses.Of(E3));

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(WorkplaceAnalytics)));

        Assert.Equal("Microsoft Workplace Analytics: the organisation has no subscription for this product.",
            plan.Single(ViolationCode.ProductNotSubscribed).Message);
    }

    [Fact]
    public void Assign_ProductWhoseSubscriptionIsSuspended_ReportsSubscriptionSuspended()
    {
        _tenant.WithSeats(E3, 10, suspended: true);
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(E3)));

        Assert.Equal("Office 365 E3: the subscription is suspended, so the product cannot be assigned.",
            plan.Single(ViolationCode.SubscriptionSuspended).Message);
    }

    [Fact]
    public void Assign_WithDisabledPlanThatIsNotInTheProduct_ReportsInvalidServicePlan()
    {
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(ExchangeOnlinePlan1, SharePointPlan2)));

        Assert.Equal($"Exchange Online (Plan 1) has no service plan {SharePointPlan2}, so it cannot be turned off.",
            plan.Single(ViolationCode.InvalidServicePlan).Message);
    }

    [Fact]
    public void Assign_UnknownProduct_ReportsUnknownProductAndChangesNobody()
    {
        var anna = _tenant.User("anna");
        var unknown = Guid.Parse("00000000-0000-0000-0000-000000000001");

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(unknown)));

        Assert.Equal($"The product {unknown} is not in the catalog.", plan.Single(ViolationCode.UnknownProduct).Message);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Assign_ToNoUsers_ReportsEmptySelection()
    {
        var plan = _tenant.Plan(new AssignLicense([], Licenses.Of(E3)));

        Assert.Equal("No users are selected. Select at least one user.", plan.Single(ViolationCode.EmptySelection).Message);
    }

    [Fact]
    public void Assign_ToUserOfAnotherTenantOrUnknown_ReportsUserNotFound()
    {
        var stranger = Guid.Parse("00000000-0000-0000-0000-00000000000a");

        var plan = _tenant.Plan(new AssignLicense([stranger], Licenses.Of(E3)));

        Assert.Equal($"The user {stranger} does not exist in this organisation.", plan.Single(ViolationCode.UserNotFound).Message);
    }

    [Fact]
    public void Assign_BusinessBasicToE3Holder_ReportsMutuallyExclusiveSharePointPlansOfBothProducts()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3));

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(BusinessBasic)));

        Assert.Equal(
            "anna@contoso.com: SharePoint (Plan 2) (Office 365 E3) and SHAREPOINTSTANDARD (Microsoft 365 Business Basic) cannot be enabled together.",
            plan.Single(ViolationCode.MutuallyExclusiveViolation).Message);
    }

    [Fact]
    public void Assign_BusinessBasicWithSharePointOffToE3Holder_IsValid()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3));

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(BusinessBasic, SharePointStandard)));

        Assert.True(plan.CanApply);
    }

    [Fact]
    public void Assign_WorkplaceAnalyticsWithoutExchange_ReportsDependencyViolationNamingBothAlternatives()
    {
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(WorkplaceAnalytics)));

        Assert.Equal(
            "anna@contoso.com: Microsoft Workplace Analytics (Microsoft Workplace Analytics) needs EXCHANGE ONLINE (PLAN 1) or Exchange Online (Plan 2), which is off or not licensed.",
            plan.Single(ViolationCode.DependencyViolation).Message);
    }

    [Fact]
    public void Assign_WorkplaceAnalyticsToHolderOfEitherExchangePlan_IsValid()
    {
        var anna = _tenant.User("anna", Licenses.Of(ExchangeOnlinePlan1));
        var bo = _tenant.User("bo", Licenses.Of(E3));

        var plan = _tenant.Plan(new AssignLicense(Licenses.Ids(anna, bo), Licenses.Of(WorkplaceAnalytics)));

        Assert.True(plan.CanApply);
        Assert.Equal(2, plan.SeatsNeeded(WorkplaceAnalytics));
    }

    [Fact]
    public void Assign_WorkplaceAnalyticsToE3HolderWithExchangeOff_ReportsDependencyViolation()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3, ExchangePlan2));

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(WorkplaceAnalytics)));

        Assert.Equal(anna.UserId, plan.Single(ViolationCode.DependencyViolation).UserId);
    }

    [Fact]
    public void Assign_WithSeveralProblems_ReportsEveryViolationNotOnlyTheFirst()
    {
        _tenant.WithSeats(BusinessBasic, 0);
        var anna = _tenant.UserWithoutUsageLocation("anna", Licenses.Of(E3));
        var bo = _tenant.DeletedUser("bo");

        var plan = _tenant.Plan(new AssignLicense(Licenses.Ids(anna, bo), Licenses.Of(BusinessBasic)));

        Assert.Equal(
            [ViolationCode.CountViolation, ViolationCode.MutuallyExclusiveViolation, ViolationCode.UsageLocationRequired, ViolationCode.UserDeleted],
            plan.Violations.Select(v => v.Code).Order());
    }

    [Fact]
    public void Assign_ExchangeProduct_ProvisionsExchangeForTheUser()
    {
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(E3, SkypePlan2)));

        var provisioning = plan.For(anna).Provisioning;
        Assert.True(provisioning.Gained.SetEquals([ServiceFamily.Exchange, ServiceFamily.SharePoint, ServiceFamily.OfficeApps]));
        Assert.Empty(provisioning.Lost);
    }

    [Fact]
    public void Assign_WithTheSameUserTwiceInTheSelection_TakesOneSeat()
    {
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(new AssignLicense([anna.UserId, anna.UserId], Licenses.Of(E3)));

        Assert.Single(plan.Users);
        Assert.Equal(1, plan.SeatsNeeded(E3));
    }

    [Fact]
    public void Assign_FinalState_HoldsOtherLicensesAndTheNewOne()
    {
        var anna = _tenant.User("anna", Licenses.Of(ExchangeOnlinePlan1));

        var plan = _tenant.Plan(new AssignLicense([anna.UserId], Licenses.Of(WorkplaceAnalytics)));

        Assert.Equal([ExchangeOnlinePlan1, WorkplaceAnalytics], plan.For(anna).Final.Select(l => l.ProductId));
    }
}
