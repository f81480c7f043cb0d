using LicenseAdmin.Domain.Licensing.Planning;
using static LicenseAdmin.Domain.Tests.Licensing.Planning.TestCatalog;

namespace LicenseAdmin.Domain.Tests.Licensing.Planning;

public class LicensingCatalogTests
{
    [Fact]
    public void ExclusionsOf_WorksFromEitherPlanOfThePair()
    {
        Assert.Equal([SharePointStandard], Rules.ExclusionsOf(SharePointPlan2));
        Assert.Equal([SharePointPlan2], Rules.ExclusionsOf(SharePointStandard));
        Assert.Empty(Rules.ExclusionsOf(Teams));
    }

    [Fact]
    public void RequirementsOf_ListsEveryAlternative()
    {
        Assert.True(Rules.RequirementsOf(WorkplaceAnalyticsPlan).ToHashSet().SetEquals([ExchangePlan1, ExchangePlan2]));
        Assert.Empty(Rules.RequirementsOf(ExchangePlan1));
    }

    [Fact]
    public void PlanName_OfAPlanInNoProduct_IsItsId()
    {
        var stray = Guid.Parse("00000000-0000-0000-0000-000000000005");

        Assert.Equal("SharePoint (Plan 2)", Rules.PlanName(SharePointPlan2));
        Assert.Equal(stray.ToString(), Rules.PlanName(stray));
    }

    [Fact]
    public void ProductLicense_KeepsItsOwnCopyOfTheDisabledPlans()
    {
        var disabled = new List<Guid> { Teams };
        var license = new ProductLicense(E3, disabled);

        disabled.Add(OfficeApps);

        Assert.Equal([Teams], license.DisabledPlanIds);
    }
}
