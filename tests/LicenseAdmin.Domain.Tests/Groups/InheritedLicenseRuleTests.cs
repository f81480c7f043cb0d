using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Tests.Licensing.Planning;
using static LicenseAdmin.Domain.Tests.Licensing.Planning.TestCatalog;

namespace LicenseAdmin.Domain.Tests.Groups;

/// <summary>A direct change of a user who also holds licenses from groups: the planner keeps what is inherited.</summary>
public class InheritedLicenseRuleTests
{
    private readonly TestTenant _tenant = new();

    private static Inheritance Inherits(UserLicenseState user, Guid productId, bool alsoDirect, IReadOnlySet<Guid> groupDisabled, params string[] groups) =>
        new(new Dictionary<Guid, IReadOnlyDictionary<Guid, InheritedPart>>
        {
            [user.UserId] = new Dictionary<Guid, InheritedPart> { [productId] = new(groups, groupDisabled, alsoDirect) },
        });

    private LicensePlan Plan(LicenseChange change, Inheritance inheritance) =>
        new LicensePlanner(Rules).Plan(_tenant.State(), change, inheritance);

    [Fact]
    public void RemovingALicenseThatIsDirectAndInherited_RemovesTheDirectPartOnly_KeepsTheSeat_AndSaysWhichGroupGivesIt()
    {
        // Direct turns Office apps and Skype off, the group only Skype: held with only Skype off (the union of enabled plans).
        var anna = _tenant.User("anna", Licenses.Of(E3, SkypePlan2));
        var inheritance = Inherits(anna, E3, alsoDirect: true, new HashSet<Guid> { SkypePlan2 }, "Sales");

        var plan = Plan(new RemoveLicense([anna.UserId], E3), inheritance);

        Assert.True(plan.CanApply);
        var user = plan.For(anna);
        Assert.Empty(user.Removed);
        Assert.Empty(plan.Seats);
        Assert.Equal([E3], user.Final.Select(l => l.ProductId));
        var kept = Assert.Single(user.DirectRemoved);
        Assert.Equal(E3, kept.ProductId);
        Assert.Equal("anna@contoso.com: Office 365 E3 stays: it is inherited from the group Sales.", kept.Reason.ToString());
    }

    [Fact]
    public void RemovingTheDirectPart_FallsBackToTheGroupsPlans()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3));
        var inheritance = Inherits(anna, E3, alsoDirect: true, new HashSet<Guid> { OfficeApps }, "Sales");

        var plan = Plan(new RemoveLicense([anna.UserId], E3), inheritance);

        var user = plan.For(anna);
        Assert.True(Assert.Single(user.Final).DisabledPlanIds.SetEquals([OfficeApps]));
        Assert.Equal(E3, Assert.Single(user.Changed).ProductId);
    }

    [Fact]
    public void RemoveAll_TakesTheDirectLicenses_AndKeepsTheInheritedPartOfADirectAndInheritedOne()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3), Licenses.Of(WorkplaceAnalytics));
        var inheritance = Inherits(anna, E3, alsoDirect: true, new HashSet<Guid>(), "Sales", "Denmark");

        var plan = Plan(new RemoveAllLicenses([anna.UserId]), inheritance);

        Assert.True(plan.CanApply);
        Assert.Equal([WorkplaceAnalytics], plan.For(anna).Removed);
        Assert.Equal([E3], plan.For(anna).Final.Select(l => l.ProductId));
        Assert.Equal("anna@contoso.com: Office 365 E3 stays: it is inherited from the group Sales, Denmark.",
            Assert.Single(plan.For(anna).DirectRemoved).Reason.ToString());
    }

    [Fact]
    public void RemovingALicenseThatIsOnlyInherited_IsRefusedWithTheGroup()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3));
        var inheritance = Inherits(anna, E3, alsoDirect: false, new HashSet<Guid>(), "Sales");

        var plan = Plan(new AddAndRemoveLicenses([anna.UserId], [], [E3]), inheritance);

        Assert.False(plan.IsValid);
        Assert.Equal("anna@contoso.com: Office 365 E3 is inherited from the group Sales; remove or change it on the group.",
            plan.Single(ViolationCode.InheritedLicense).Message);
    }

    [Fact]
    public void ChangingThePlansOfAnInheritedLicense_IsRefused()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3));
        var inheritance = Inherits(anna, E3, alsoDirect: true, new HashSet<Guid>(), "Sales");

        var plan = Plan(new ChangeDisabledPlans([anna.UserId], Licenses.Of(E3, Teams)), inheritance);

        Assert.Equal(ViolationCode.InheritedLicense, Assert.Single(plan.Violations).Code);
    }

    [Fact]
    public void AUserWhoInheritsNothing_IsPlannedAsBefore()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3));

        var plan = Plan(new RemoveLicense([anna.UserId], E3), Inheritance.None);

        Assert.Equal([E3], plan.For(anna).Removed);
        Assert.Empty(plan.For(anna).DirectRemoved);
    }

    [Fact]
    public void ChangingADirectOnlyProduct_OfAUserWhoInheritsAnother_IsAllowed()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3), Licenses.Of(ExchangeOnlinePlan1));
        var inheritance = Inherits(anna, E3, alsoDirect: false, new HashSet<Guid>(), "Sales");

        var plan = Plan(new RemoveLicense([anna.UserId], ExchangeOnlinePlan1), inheritance);

        Assert.True(plan.CanApply);
        Assert.Equal([ExchangeOnlinePlan1], plan.For(anna).Removed);
    }
}
