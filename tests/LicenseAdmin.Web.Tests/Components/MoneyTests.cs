using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Web.Components.Licenses;

namespace LicenseAdmin.Web.Tests.Components;

public sealed class MoneyTests
{
    [Fact]
    public void Format_OfCostsInTwoCurrencies_ShowsBothSideBySide_NeverASum()
    {
        var costs = CurrencyAmount.TotalsPerCurrency([new("USD", 575m), new("EUR", 200m), new("USD", 25m)]);

        Assert.Equal("200.00 EUR + 600.00 USD", Money.Format(costs));
    }

    [Fact]
    public void Format_WithoutCosts_ShowsADash()
    {
        Assert.Equal("—", Money.Format((IReadOnlyList<CurrencyAmount>?)null));
    }
}
