using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Tests.Licensing.Planning;
using static LicenseAdmin.Domain.Tests.Licensing.Planning.TestCatalog;

namespace LicenseAdmin.Domain.Tests.Groups;

public class GroupLicenseResolverTests
{
    private readonly TestTenant _tenant = new();
    private readonly GroupLicenseResolver _resolver = new(Rules);

    private static readonly Dictionary<Guid, IReadOnlySet<Guid>> NoDirect = [];

    private static GroupGrant Group(string name, params ProductLicense[] licenses) => new(Guid.NewGuid(), name, licenses);

    private MemberResolution Resolve(UserLicenseState user, IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> direct, params GroupGrant[] groups) =>
        _resolver.Resolve(new MemberSources(user, direct, groups), _tenant.Seats());

    [Fact]
    public void Member_OfALicensedGroup_InheritsItsProductsWithItsDisabledPlans()
    {
        var anna = _tenant.User("anna");
        var sales = Group("Sales", Licenses.Of(E3, OfficeApps));

        var result = Resolve(anna, NoDirect, sales);

        var license = Assert.Single(result.Final);
        Assert.Equal(E3, license.ProductId);
        Assert.True(license.DisabledPlanIds.SetEquals([OfficeApps]));
        Assert.Equal([sales.GroupId], result.InheritedFrom[E3]);
        Assert.True(Assert.Single(result.Groups).Given);
    }

    [Fact]
    public void DirectAndInherited_OfTheSameProduct_AreOneLicenseWithTheUnionOfTheirEnabledPlans()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3, OfficeApps, SkypePlan2));
        var direct = new Dictionary<Guid, IReadOnlySet<Guid>> { [E3] = new HashSet<Guid> { OfficeApps, SkypePlan2 } };
        var sales = Group("Sales", Licenses.Of(E3, SkypePlan2, Teams));

        var result = Resolve(anna, direct, sales);

        var license = Assert.Single(result.Final);
        Assert.True(license.DisabledPlanIds.SetEquals([SkypePlan2]));
        Assert.Equal([sales.GroupId], result.InheritedFrom[E3]);
    }

    [Fact]
    public void TwoGroups_GivingTheSameProduct_ShareOneLicenseInheritedFromBoth()
    {
        var anna = _tenant.User("anna");
        var sales = Group("Sales", Licenses.Of(E3, OfficeApps));
        var denmark = Group("Denmark", Licenses.Of(E3, Teams));

        var result = Resolve(anna, NoDirect, sales, denmark);

        var license = Assert.Single(result.Final);
        Assert.Empty(license.DisabledPlanIds);
        Assert.Equal(2, result.InheritedFrom[E3].Count);
    }

    [Fact]
    public void NoSeatForOneProduct_GivesNoneOfTheGroupsProductsAndACountViolation()
    {
        _tenant.WithSeats(E3, 0);
        var anna = _tenant.User("anna");
        var sales = Group("Sales", ProductLicense.AllPlansOn(ExchangeOnlinePlan1), ProductLicense.AllPlansOn(E3));

        var result = Resolve(anna, NoDirect, sales);

        Assert.Empty(result.Final);
        var outcome = Assert.Single(result.Groups);
        Assert.Equal(GroupLicenseError.CountViolation, outcome.Error);
        Assert.Equal("Office 365 E3: 1 seat needed, 0 available.", outcome.Reason!.ToString());
    }

    [Fact]
    public void OneGroupFailing_DoesNotStopAnotherGroupOfTheSameMember()
    {
        _tenant.WithSeats(WorkplaceAnalytics, 0);
        var anna = _tenant.User("anna");
        var analytics = Group("Analytics", ProductLicense.AllPlansOn(WorkplaceAnalytics));
        var sales = Group("Sales", ProductLicense.AllPlansOn(E3));

        var result = Resolve(anna, NoDirect, analytics, sales);

        Assert.Equal([E3], result.Final.Select(l => l.ProductId));
        Assert.Equal(GroupLicenseError.CountViolation, result.Groups.Single(g => g.GroupId == analytics.GroupId).Error);
        Assert.True(result.Groups.Single(g => g.GroupId == sales.GroupId).Given);
    }

    [Fact]
    public void APlanConflictingWithADirectLicense_IsAMutuallyExclusiveViolation()
    {
        var anna = _tenant.User("anna", ProductLicense.AllPlansOn(E3));
        var direct = new Dictionary<Guid, IReadOnlySet<Guid>> { [E3] = new HashSet<Guid>() };
        var basic = Group("Basic", ProductLicense.AllPlansOn(BusinessBasic));

        var result = Resolve(anna, direct, basic);

        Assert.Equal([E3], result.Final.Select(l => l.ProductId));
        var outcome = Assert.Single(result.Groups);
        Assert.Equal(GroupLicenseError.MutuallyExclusiveViolation, outcome.Error);
        Assert.Equal("anna@contoso.com: SharePoint (Plan 2) (Office 365 E3) and SHAREPOINTSTANDARD (Microsoft 365 Business Basic) cannot be enabled together.",
            outcome.Reason!.ToString());
    }

    [Fact]
    public void APlanWhoseRequiredPlanNobodyGives_IsADependencyViolation()
    {
        var anna = _tenant.User("anna");
        var analytics = Group("Analytics", ProductLicense.AllPlansOn(WorkplaceAnalytics));

        var result = Resolve(anna, NoDirect, analytics);

        Assert.Empty(result.Final);
        var outcome = Assert.Single(result.Groups);
        Assert.Equal(GroupLicenseError.DependencyViolation, outcome.Error);
        Assert.Equal("anna@contoso.com: Microsoft Workplace Analytics (Microsoft Workplace Analytics) needs EXCHANGE ONLINE (PLAN 1) or Exchange Online (Plan 2), which is off or not licensed.",
            outcome.Reason!.ToString());
    }

    [Fact]
    public void AMemberWithoutUsageLocation_GetsProhibitedInUsageLocationViolation()
    {
        var anna = _tenant.UserWithoutUsageLocation("anna");

        var result = Resolve(anna, NoDirect, Group("Sales", ProductLicense.AllPlansOn(E3)));

        var outcome = Assert.Single(result.Groups);
        Assert.Equal(GroupLicenseError.ProhibitedInUsageLocationViolation, outcome.Error);
        Assert.Equal("anna@contoso.com has no usage location. Set the user's country before assigning licenses.", outcome.Reason!.ToString());
    }

    [Fact]
    public void AProductWithoutSubscription_IsOther()
    {
        _tenant.WithoutSubscription(ExchangeOnlinePlan1);
        var anna = _tenant.User("anna");

        var result = Resolve(anna, NoDirect, Group("Mail", ProductLicense.AllPlansOn(ExchangeOnlinePlan1)));

        var outcome = Assert.Single(result.Groups);
        Assert.Equal(GroupLicenseError.Other, outcome.Error);
        Assert.Equal("Exchange Online (Plan 1): the organisation has no subscription for this product.", outcome.Reason!.ToString());
    }

    [Fact]
    public void ALeaver_LosesTheInheritedLicenseAndKeepsTheDirectOneWithItsOwnPlans()
    {
        var anna = _tenant.User("anna", ProductLicense.AllPlansOn(E3), ProductLicense.AllPlansOn(BusinessBasic));
        var direct = new Dictionary<Guid, IReadOnlySet<Guid>> { [BusinessBasic] = new HashSet<Guid> { Teams } };

        var result = Resolve(anna, direct);

        var license = Assert.Single(result.Final);
        Assert.Equal(BusinessBasic, license.ProductId);
        Assert.True(license.DisabledPlanIds.SetEquals([Teams]));
        Assert.Empty(result.InheritedFrom);
    }

    [Fact]
    public void AMemberWhoAlreadyHoldsTheProduct_NeedsNoNewSeat()
    {
        _tenant.WithSeats(E3, 1);
        var anna = _tenant.User("anna", ProductLicense.AllPlansOn(E3));
        var direct = new Dictionary<Guid, IReadOnlySet<Guid>> { [E3] = new HashSet<Guid>() };

        var result = Resolve(anna, direct, Group("Sales", ProductLicense.AllPlansOn(E3)));

        Assert.True(Assert.Single(result.Groups).Given);
    }

    [Fact]
    public void ErrorOf_PrefersCountOverPlanRulesOverUsageLocation()
    {
        var count = ViolationMessages.NotEnoughSeats(Rules.Products.First(), 1, 0);
        var location = ViolationMessages.UsageLocationRequired(_tenant.UserWithoutUsageLocation("bo"));

        Assert.Equal(GroupLicenseError.CountViolation, GroupLicenseResolver.ErrorOf([location, count]));
        Assert.Equal(GroupLicenseError.ProhibitedInUsageLocationViolation, GroupLicenseResolver.ErrorOf([location]));
    }
}
