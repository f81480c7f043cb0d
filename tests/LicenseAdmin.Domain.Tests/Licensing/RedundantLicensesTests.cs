using LicenseAdmin.Domain.Licensing;

namespace LicenseAdmin.Domain.Tests.Licensing;

public sealed class RedundantLicensesTests
{
    private static readonly Guid Exchange = Guid.Parse("00000000-0000-0000-0000-0000000000e1");
    private static readonly Guid SharePoint = Guid.Parse("00000000-0000-0000-0000-0000000000e2");
    private static readonly Guid Teams = Guid.Parse("00000000-0000-0000-0000-0000000000e3");

    private static readonly Guid E3 = Guid.Parse("10000000-0000-0000-0000-000000000001");
    private static readonly Guid ExchangePlan = Guid.Parse("10000000-0000-0000-0000-000000000002");
    private static readonly Guid TeamsOnly = Guid.Parse("10000000-0000-0000-0000-000000000003");
    private static readonly Guid ExchangeCopy = Guid.Parse("10000000-0000-0000-0000-000000000004");
    private static readonly Guid Empty = Guid.Parse("10000000-0000-0000-0000-000000000005");

    private static readonly Dictionary<Guid, IReadOnlySet<Guid>> Catalog = new()
    {
        [E3] = new HashSet<Guid> { Exchange, SharePoint },
        [ExchangePlan] = new HashSet<Guid> { Exchange },
        [TeamsOnly] = new HashSet<Guid> { Teams },
        [ExchangeCopy] = new HashSet<Guid> { Exchange },
        [Empty] = new HashSet<Guid>(),
    };

    [Fact]
    public void AStandaloneExchangePlan_NextToASuiteThatIncludesIt_IsRedundant_CoveredByTheSuite()
    {
        var redundant = RedundantLicenses.Find([E3, ExchangePlan], Catalog);

        Assert.Equal(new Dictionary<Guid, Guid> { [ExchangePlan] = E3 }, redundant);
    }

    [Fact]
    public void AProductWithAPlanTheOtherLacks_IsNotRedundant()
    {
        Assert.Empty(RedundantLicenses.Find([E3, TeamsOnly], Catalog));
    }

    [Fact]
    public void ASingleProduct_IsNeverRedundant()
    {
        Assert.Empty(RedundantLicenses.Find([ExchangePlan], Catalog));
    }

    [Fact]
    public void TwoProductsWithTheSamePlans_MakeOnlyOneRedundant()
    {
        var redundant = RedundantLicenses.Find([ExchangeCopy, ExchangePlan], Catalog);

        Assert.Equal(new Dictionary<Guid, Guid> { [ExchangeCopy] = ExchangePlan }, redundant);
    }

    [Fact]
    public void AProductWithoutPlans_IsNotCountedAsRedundant()
    {
        Assert.Empty(RedundantLicenses.Find([Empty, E3], Catalog));
    }

    [Fact]
    public void TheProductsCoveringOne_AreTheSuitesThatIncludeIt_AndOfTwoEqualProductsOnlyTheSmallerId()
    {
        Assert.Equal([E3], RedundantLicenses.CoveringProducts(ExchangePlan, Catalog));
        Assert.Equal([E3, ExchangePlan], RedundantLicenses.CoveringProducts(ExchangeCopy, Catalog));
        Assert.Empty(RedundantLicenses.CoveringProducts(E3, Catalog));
        Assert.Empty(RedundantLicenses.CoveringProducts(Empty, Catalog));
    }

    [Fact]
    public void HoldingAProductNextToOneThatCoversIt_IsExactlyWhatFindCallsRedundant()
    {
        var products = Catalog.Keys.ToList();
        foreach (var product in products)
            foreach (var other in products.Where(o => o != product))
                Assert.Equal(RedundantLicenses.Find([product, other], Catalog).ContainsKey(product),
                    RedundantLicenses.CoveringProducts(product, Catalog).Contains(other));
    }
}
