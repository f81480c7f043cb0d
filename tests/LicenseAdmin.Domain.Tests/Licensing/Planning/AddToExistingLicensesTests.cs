using LicenseAdmin.Domain.Licensing.Planning;
using static LicenseAdmin.Domain.Tests.Licensing.Planning.TestCatalog;

namespace LicenseAdmin.Domain.Tests.Licensing.Planning;

public class AddToExistingLicensesTests
{
    private readonly TestTenant _tenant = new();

    [Fact]
    public void AddToExisting_AddsTheChosenProductsAndKeepsTheUsersOtherLicenses()
    {
        var anna = _tenant.User("anna", Licenses.Of(ExchangeOnlinePlan1));
        var bo = _tenant.User("bo");

        var plan = _tenant.Plan(new AddToExistingLicenses(Licenses.Ids(anna, bo),
            [Licenses.Of(E3, SharePointPlan2), Licenses.Of(WorkplaceAnalytics)]));

        Assert.True(plan.CanApply);
        Assert.Equal([ExchangeOnlinePlan1, E3, WorkplaceAnalytics], plan.For(anna).Final.Select(l => l.ProductId));
        Assert.Empty(plan.For(anna).Removed);
        Assert.Equal([E3, WorkplaceAnalytics], plan.For(bo).Added.Select(l => l.ProductId));
        Assert.Equal(2, plan.SeatsNeeded(E3));
        Assert.Equal(2, plan.SeatsNeeded(WorkplaceAnalytics));
    }

    [Fact]
    public void AddToExisting_ProductTheUserHolds_GetsTheRequestedDisabledPlans()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3, SkypePlan2));

        var plan = _tenant.Plan(new AddToExistingLicenses([anna.UserId], [Licenses.Of(E3, OfficeApps)]));

        var change = Assert.Single(plan.For(anna).Changed);
        Assert.Equal([OfficeApps], change.After);
        Assert.Empty(plan.For(anna).Added);
        Assert.Equal(0, plan.SeatsNeeded(E3));
    }

    [Fact]
    public void AddToExisting_WithoutProducts_ReportsEmptySelection()
    {
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(new AddToExistingLicenses([anna.UserId], []));

        Assert.Equal("No products are selected. Select at least one product, or use Remove all to take every license away.",
            plan.Single(ViolationCode.EmptySelection).Message);
    }

    [Fact]
    public void AddToExisting_WithTheSameProductTwice_ReportsDuplicateProduct()
    {
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(new AddToExistingLicenses([anna.UserId], [Licenses.Of(E3), Licenses.Of(E3, SkypePlan2)]));

        Assert.Equal("Office 365 E3 is selected more than once.", plan.Single(ViolationCode.DuplicateProduct).Message);
    }

    [Fact]
    public void AddToExisting_WhenSomeUsersFail_ListsEveryFailingUserAndChangesNothing()
    {
        var anna = _tenant.UserWithoutUsageLocation("anna");
        var bo = _tenant.User("bo");
        var cy = _tenant.UserWithoutUsageLocation("cy");

        var plan = _tenant.Plan(new AddToExistingLicenses(Licenses.Ids(anna, bo, cy), [Licenses.Of(E3)]));

        Assert.False(plan.CanApply);
        Assert.Equal([anna.UserId, cy.UserId],
            plan.Violations.Where(v => v.Code == ViolationCode.UsageLocationRequired).Select(v => v.UserId!.Value));
    }

    [Fact]
    public void AddToExisting_AppliedTwice_ConsumesNoSeatTheSecondTime()
    {
        var users = Enumerable.Range(0, 5).Select(i => _tenant.User($"user{i}")).ToArray();
        var change = new AddToExistingLicenses(Licenses.Ids(users), [Licenses.Of(E3), Licenses.Of(ExchangeOnlinePlan1)]);
        _tenant.Apply(_tenant.Plan(change));

        var second = _tenant.Plan(change);

        Assert.True(second.IsValid);
        Assert.False(second.HasChanges);
        Assert.Empty(second.Seats);
    }

    [Fact]
    public void AddToExisting_ForAUserWithAConflictOnUntouchedProducts_DoesNotBlameUsersWhoDoNotChange()
    {
        // bo already holds both SharePoint plans (a state imported from elsewhere) and already has Exchange Plan 1.
        var bo = _tenant.User("bo", Licenses.Of(E3), Licenses.Of(BusinessBasic), Licenses.Of(ExchangeOnlinePlan1));
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(new AddToExistingLicenses(Licenses.Ids(anna, bo), [Licenses.Of(ExchangeOnlinePlan1)]));

        Assert.True(plan.CanApply);
        Assert.True(plan.For(bo).IsUnchanged);
    }

    [Fact]
    public void AddToExisting_ForAUserWithAConflictWhoseLicensesChange_ReportsTheConflict()
    {
        var bo = _tenant.User("bo", Licenses.Of(E3), Licenses.Of(BusinessBasic));

        var plan = _tenant.Plan(new AddToExistingLicenses([bo.UserId], [Licenses.Of(ExchangeOnlinePlan1)]));

        Assert.Equal(bo.UserId, plan.Single(ViolationCode.MutuallyExclusiveViolation).UserId);
    }

    [Fact]
    public void AddToExisting_For100000Users_PlansEveryUserWithExactSeatCounts()
    {
        _tenant.WithSeats(E3, 200_000).WithSeats(ExchangeOnlinePlan1, 200_000);
        var users = new UserLicenseState[100_000];
        for (var i = 0; i < users.Length; i++)
            users[i] = i % 4 == 0 ? _tenant.User($"user{i}", Licenses.Of(E3)) : _tenant.User($"user{i}");

        var plan = _tenant.Plan(new AddToExistingLicenses(Licenses.Ids(users), [Licenses.Of(E3), Licenses.Of(ExchangeOnlinePlan1, ExchangePlan1)]));

        Assert.True(plan.CanApply);
        Assert.Equal(100_000, plan.Users.Count);
        Assert.Equal(100_000, plan.ChangedUsers.Count());
        Assert.Equal(75_000, plan.SeatsNeeded(E3));
        Assert.Equal(100_000, plan.SeatsNeeded(ExchangeOnlinePlan1));
        Assert.Equal(200_000 - 25_000, plan.Seats.Single(s => s.ProductId == E3).SeatsFree);
    }
}
