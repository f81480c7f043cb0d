using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing.Planning;
using static LicenseAdmin.Domain.Tests.Licensing.Planning.TestCatalog;

namespace LicenseAdmin.Domain.Tests.Licensing.Planning;

public class ReplaceLicensesTests
{
    private readonly TestTenant _tenant = new();

    [Fact]
    public void Replace_LeavesEachUserWithExactlyTheChosenProducts()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3), Licenses.Of(WorkplaceAnalytics));
        var bo = _tenant.User("bo", Licenses.Of(ExchangeOnlinePlan1));

        var plan = _tenant.Plan(new ReplaceLicenses(Licenses.Ids(anna, bo), [Licenses.Of(BusinessBasic)]));

        Assert.True(plan.CanApply);
        Assert.Equal([E3, WorkplaceAnalytics], plan.For(anna).Removed);
        Assert.Equal([ExchangeOnlinePlan1], plan.For(bo).Removed);
        Assert.All(plan.Users, u => Assert.Equal([BusinessBasic], u.Final.Select(l => l.ProductId)));
        Assert.Equal(2, plan.SeatsNeeded(BusinessBasic));
        Assert.Equal(1, plan.Seats.Single(s => s.ProductId == E3).SeatsReleased);
    }

    [Fact]
    public void Replace_KeepsEachUsersLicensesBefore_ForTheAuditLog()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3, SkypePlan2), Licenses.Of(WorkplaceAnalytics));
        var bo = _tenant.User("bo", Licenses.Of(BusinessBasic));

        var plan = _tenant.Plan(new ReplaceLicenses(Licenses.Ids(anna, bo), [Licenses.Of(BusinessBasic)]));

        Assert.Equal([(E3, [SkypePlan2]), (WorkplaceAnalytics, [])],
            plan.For(anna).Before.Select(l => (l.ProductId, l.DisabledPlanIds.ToArray())));
        Assert.True(plan.For(bo).IsUnchanged);
        Assert.Equal([BusinessBasic], plan.For(bo).Before.Select(l => l.ProductId));
    }

    [Fact]
    public void Replace_WhenSeatsRunOut_ChangesNothing()
    {
        _tenant.WithSeats(BusinessBasic, 1);
        var anna = _tenant.User("anna", Licenses.Of(E3));
        var bo = _tenant.User("bo", Licenses.Of(E3));

        var plan = _tenant.Plan(new ReplaceLicenses(Licenses.Ids(anna, bo), [Licenses.Of(BusinessBasic)]));

        Assert.False(plan.CanApply);
        Assert.Equal("Microsoft 365 Business Basic: 2 seats needed, 1 available.", plan.Single(ViolationCode.CountViolation).Message);
    }

    [Fact]
    public void Replace_WithTheProductsTheUserHoldsButOtherPlans_ChangesPlansWithoutTakingSeats()
    {
        _tenant.WithSeats(E3, 1);
        var anna = _tenant.User("anna", Licenses.Of(E3));

        var plan = _tenant.Plan(new ReplaceLicenses([anna.UserId], [Licenses.Of(E3, Teams)]));

        Assert.True(plan.CanApply);
        Assert.Equal([Teams], Assert.Single(plan.For(anna).Changed).After);
        Assert.Empty(plan.Seats);
    }

    [Fact]
    public void Replace_WithoutProducts_ReportsEmptySelection()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3));

        var plan = _tenant.Plan(new ReplaceLicenses([anna.UserId], []));

        Assert.Equal(ViolationCode.EmptySelection, Assert.Single(plan.Violations).Code);
    }

    [Fact]
    public void Replace_E3WithBusinessBasic_KeepsTheMailboxAndLosesOnlyOfficeApps()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3));

        var plan = _tenant.Plan(new ReplaceLicenses([anna.UserId], [Licenses.Of(BusinessBasic)]));

        Assert.Empty(plan.For(anna).Provisioning.Gained);
        Assert.Equal([ServiceFamily.OfficeApps], plan.For(anna).Provisioning.Lost);
    }

    [Fact]
    public void Replace_WithExclusiveProducts_ReportsTheConflictForEveryUser()
    {
        var anna = _tenant.User("anna");
        var bo = _tenant.User("bo");

        var plan = _tenant.Plan(new ReplaceLicenses(Licenses.Ids(anna, bo), [Licenses.Of(E3), Licenses.Of(BusinessBasic)]));

        Assert.Equal(2, plan.Violations.Count(v => v.Code == ViolationCode.MutuallyExclusiveViolation));
    }

    [Fact]
    public void Replace_AppliedTwice_ChangesNothingTheSecondTime()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3));
        var change = new ReplaceLicenses([anna.UserId], [Licenses.Of(BusinessBasic, Teams), Licenses.Of(WorkplaceAnalytics)]);
        _tenant.Apply(_tenant.Plan(change));

        var second = _tenant.Plan(change);

        Assert.True(second.IsValid);
        Assert.False(second.HasChanges);
        Assert.Empty(second.Seats);
    }
}
