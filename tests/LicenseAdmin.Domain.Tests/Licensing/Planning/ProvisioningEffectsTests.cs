using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing.Planning;

namespace LicenseAdmin.Domain.Tests.Licensing.Planning;

public class ProvisioningEffectsTests
{
    private static ServicePlanInfo Plan(string name) => new(Guid.NewGuid(), name, name, ServiceFamilyClassifier.Classify(name));

    [Fact]
    public void Compare_FromNothingToE3Plans_GainsEveryProvisionedFamily()
    {
        var delta = ProvisioningEffects.Compare([],
            [Plan("EXCHANGE_S_ENTERPRISE"), Plan("SHAREPOINTENTERPRISE"), Plan("MCOSTANDARD"), Plan("OFFICESUBSCRIPTION"), Plan("SWAY")]);

        Assert.True(delta.Gained.SetEquals(
            [ServiceFamily.Exchange, ServiceFamily.SharePoint, ServiceFamily.SkypeForBusiness, ServiceFamily.OfficeApps]));
        Assert.Empty(delta.Lost);
    }

    [Fact]
    public void Compare_WhenAllPlansGo_LosesEveryProvisionedFamily()
    {
        var delta = ProvisioningEffects.Compare([Plan("EXCHANGE_S_STANDARD"), Plan("OFFICESUBSCRIPTION")], []);

        Assert.True(delta.Lost.SetEquals([ServiceFamily.Exchange, ServiceFamily.OfficeApps]));
        Assert.Empty(delta.Gained);
    }

    [Fact]
    public void Compare_WhenAnotherPlanStillProvidesTheFamily_LosesNothing()
    {
        var delta = ProvisioningEffects.Compare([Plan("EXCHANGE_S_ENTERPRISE")], [Plan("EXCHANGE_S_STANDARD")]);

        Assert.True(delta.IsEmpty);
    }

    [Fact]
    public void Compare_PlansOfFamilyOther_AreIgnored()
    {
        var delta = ProvisioningEffects.Compare([Plan("SWAY")], [Plan("SHAREPOINTWAC"), Plan("EXCHANGE_S_FOUNDATION")]);

        Assert.True(delta.IsEmpty);
    }

    [Fact]
    public void Compare_SwappingSkypeForSharePoint_GainsOneAndLosesTheOther()
    {
        var delta = ProvisioningEffects.Compare([ServiceFamily.SkypeForBusiness, ServiceFamily.Other], [ServiceFamily.SharePoint]);

        Assert.Equal([ServiceFamily.SharePoint], delta.Gained);
        Assert.Equal([ServiceFamily.SkypeForBusiness], delta.Lost);
    }
}
