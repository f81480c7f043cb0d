using System.Net;
using LicenseAdmin.Web.Tests.Support;

namespace LicenseAdmin.Web.Tests;

/// <summary>What the billing and deletion pages offer each role, read from the prerendered HTML.</summary>
public sealed class PageAccessTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private Task<string> PageAsync(string upn, string path) =>
        PortalFactory.SignedInPageAsync(portal.Factory.CreateBrowserLikeClient(), upn, path);

    [Fact]
    public async Task BillingAdmin_SeesCostsOnBilling()
    {
        var billing = await PageAsync("billing@contoso.com", "/billing");

        Assert.Contains("id=\"billing-table\"", billing);
        Assert.Contains("575.00 USD", billing);
        Assert.Contains("Buy licenses", billing);
    }

    [Fact]
    public async Task LicenseAdmin_IsTurnedAwayFromBilling_AndSeesNoCostsOnLicenses()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "licenseadmin@contoso.com");
        var billing = await client.GetAsync("/billing");
        var licenses = await client.GetStringAsync("/licenses");

        Assert.Equal(HttpStatusCode.Redirect, billing.StatusCode);
        Assert.Contains("AccessDenied", billing.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Office 365 E3", licenses);
        Assert.DoesNotContain("Cost per month", licenses);
    }

    [Theory]
    [InlineData("admin@contoso.com", true)]
    [InlineData("useradmin@contoso.com", true)]
    [InlineData("licenseadmin@contoso.com", false)]
    [InlineData("billing@contoso.com", false)]
    public async Task DeleteAndRestore_AreOfferedOnlyToRolesThatMayDeleteAndRestore(string upn, bool offered)
    {
        var active = await PageAsync(upn, "/users");
        var deleted = await PageAsync(upn, "/users/deleted");

        Assert.Equal(offered, active.Contains("id=\"delete-users\"", StringComparison.Ordinal));
        Assert.Equal(offered, deleted.Contains("id=\"restore\"", StringComparison.Ordinal));
        Assert.Contains("Deleted users can be restored for 30 days", deleted);
    }
}
