using LicenseAdmin.Domain.Licensing.Planning;
using static LicenseAdmin.Domain.Tests.Licensing.Planning.TestCatalog;

namespace LicenseAdmin.Domain.Tests.Licensing.Planning;

public class RestoreUsersTests
{
    private readonly TestTenant _tenant = new();

    private static RestoreUsers Restore(UserLicenseState user, params ProductLicense[] previous) =>
        new([new UserLicenses(user.UserId, previous)]);

    [Fact]
    public void Restore_WithFreeSeats_GivesBackEveryProductWithItsDisabledPlans()
    {
        var anna = _tenant.DeletedUser("anna");

        var plan = _tenant.Plan(Restore(anna, Licenses.Of(E3, SkypePlan2), Licenses.Of(WorkplaceAnalytics)));

        Assert.True(plan.CanApply);
        var restored = plan.For(anna);
        Assert.Equal([E3, WorkplaceAnalytics], restored.Added.Select(l => l.ProductId));
        Assert.Equal([SkypePlan2], restored.Added[0].DisabledPlanIds);
        Assert.Empty(restored.NotRestored);
    }

    [Fact]
    public void Restore_WithoutAFreeSeat_RestoresTheOtherProductsAndSaysWhichWasNot()
    {
        _tenant.WithSeats(E3, 1);
        _tenant.User("bo", Licenses.Of(E3));
        var anna = _tenant.DeletedUser("anna");

        var plan = _tenant.Plan(Restore(anna, Licenses.Of(E3), Licenses.Of(ExchangeOnlinePlan1)));

        Assert.True(plan.IsValid);
        Assert.Equal([ExchangeOnlinePlan1], plan.For(anna).Added.Select(l => l.ProductId));
        var notRestored = Assert.Single(plan.For(anna).NotRestored);
        Assert.Equal(ViolationCode.CountViolation, notRestored.Code);
        Assert.Equal("Office 365 E3 was not restored for anna@contoso.com: no seat is free.", notRestored.Message);
    }

    [Fact]
    public void Restore_OfMoreUsersThanSeats_NeverOversells()
    {
        _tenant.WithSeats(E3, 2);
        var users = Enumerable.Range(0, 5).Select(i => _tenant.DeletedUser($"user{i}")).ToArray();

        var plan = _tenant.Plan(new RestoreUsers(users.Select(u => new UserLicenses(u.UserId, [Licenses.Of(E3)])).ToList()));

        Assert.Equal(2, plan.SeatsNeeded(E3));
        Assert.Equal([true, true, false, false, false], plan.Users.Select(u => u.Added.Count == 1));
        Assert.Equal(3, plan.Users.Count(u => u.NotRestored.Count == 1));
    }

    [Fact]
    public void Restore_OfUserWhoIsNotDeleted_ReportsUserNotDeleted()
    {
        var anna = _tenant.User("anna");

        var plan = _tenant.Plan(Restore(anna, Licenses.Of(E3)));

        Assert.Equal("anna@contoso.com is not deleted, so there is nothing to restore.", plan.Single(ViolationCode.UserNotDeleted).Message);
    }

    [Fact]
    public void Restore_ProductWithSuspendedSubscription_IsNotRestored()
    {
        _tenant.WithSeats(E3, 10, suspended: true);
        var anna = _tenant.DeletedUser("anna");

        var plan = _tenant.Plan(Restore(anna, Licenses.Of(E3)));

        Assert.Equal("Office 365 E3 was not restored for anna@contoso.com: its subscription is suspended.",
            Assert.Single(plan.For(anna).NotRestored).Message);
    }

    [Fact]
    public void Restore_ProductNoLongerSubscribed_IsNotRestored()
    {
        _tenant.WithoutSubscription(E3);
        var anna = _tenant.DeletedUser("anna");

        var plan = _tenant.Plan(Restore(anna, Licenses.Of(E3)));

        var notRestored = Assert.Single(plan.For(anna).NotRestored);
        Assert.Equal(ViolationCode.ProductNotSubscribed, notRestored.Code);
        Assert.Equal("Office 365 E3 was not restored for anna@contoso.com: the organisation has no subscription for it.", notRestored.Message);
    }

    [Fact]
    public void Restore_OfUserWithoutUsageLocation_BringsTheUserBackWithoutLicenses()
    {
        var anna = _tenant.Add(deleted: true, usageLocation: null);

        var plan = _tenant.Plan(Restore(anna, Licenses.Of(E3)));

        Assert.True(plan.IsValid);
        Assert.Empty(plan.For(anna).Added);
        Assert.Equal("Office 365 E3 was not restored for anna@contoso.com: the user has no usage location.",
            Assert.Single(plan.For(anna).NotRestored).Message);
    }

    [Fact]
    public void Restore_WhenTheRequiredExchangeHasNoSeat_DropsWorkplaceAnalyticsAndFreesItsSeatForTheNextUser()
    {
        _tenant.WithSeats(ExchangeOnlinePlan1, 0).WithSeats(WorkplaceAnalytics, 1);
        var anna = _tenant.DeletedUser("anna");
        var bo = _tenant.DeletedUser("bo");

        var plan = _tenant.Plan(new RestoreUsers(
        [
            new UserLicenses(anna.UserId, [Licenses.Of(ExchangeOnlinePlan1), Licenses.Of(WorkplaceAnalytics)]),
            new UserLicenses(bo.UserId, [Licenses.Of(E3), Licenses.Of(WorkplaceAnalytics)]),
        ]));

        Assert.Equal(
            [ViolationCode.CountViolation, ViolationCode.DependencyViolation],
            plan.For(anna).NotRestored.Select(v => v.Code));
        Assert.Equal(
            "Microsoft Workplace Analytics was not restored for anna@contoso.com: Microsoft Workplace Analytics needs EXCHANGE ONLINE (PLAN 1) or Exchange Online (Plan 2), which is off or not licensed.",
            plan.For(anna).NotRestored[1].Message);
        Assert.Equal([E3, WorkplaceAnalytics], plan.For(bo).Added.Select(l => l.ProductId));
    }

    [Fact]
    public void Restore_OfMutuallyExclusiveProducts_RestoresTheFirstAndNotTheOther()
    {
        var anna = _tenant.DeletedUser("anna");

        var plan = _tenant.Plan(Restore(anna, Licenses.Of(E3), Licenses.Of(BusinessBasic)));

        Assert.Equal([E3], plan.For(anna).Added.Select(l => l.ProductId));
        Assert.Equal(
            "Microsoft 365 Business Basic was not restored for anna@contoso.com: SHAREPOINTSTANDARD cannot be enabled together with SharePoint (Plan 2) (Office 365 E3).",
            Assert.Single(plan.For(anna).NotRestored).Message);
    }

    [Fact]
    public void Restore_OfProductNoLongerInTheCatalog_SaysSo()
    {
        var anna = _tenant.DeletedUser("anna");
        var retired = Guid.Parse("00000000-0000-0000-0000-000000000003");

        var plan = _tenant.Plan(Restore(anna, Licenses.Of(retired)));

        Assert.Equal($"{retired} was not restored for anna@contoso.com: the product is no longer in the catalog.",
            Assert.Single(plan.For(anna).NotRestored).Message);
    }

    [Fact]
    public void Restore_OfNobody_ReportsEmptySelection()
    {
        Assert.Equal(ViolationCode.EmptySelection, Assert.Single(_tenant.Plan(new RestoreUsers([])).Violations).Code);
    }

    [Fact]
    public void Restore_WithoutPreviousLicenses_IsValidAndAddsNothing()
    {
        var anna = _tenant.DeletedUser("anna");

        var plan = _tenant.Plan(Restore(anna));

        Assert.True(plan.IsValid);
        Assert.True(plan.For(anna).IsUnchanged);
    }
}
