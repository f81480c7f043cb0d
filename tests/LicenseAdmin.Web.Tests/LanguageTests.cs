using System.Net;
using LicenseAdmin.Web.Tests.Support;

namespace LicenseAdmin.Web.Tests;

public sealed class LanguageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task ChoosingDanish_TranslatesThePortal_AndFollowsTheUserToAnotherBrowser()
    {
        var first = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(first, "useradmin@contoso.com");

        var switched = await first.GetAsync("/culture/set?culture=da&returnUrl=%2Fusers");

        Assert.Equal("/users", switched.Headers.Location?.OriginalString);
        // Blazor writes æ, ø and å as character references.
        var page = WebUtility.HtmlDecode(await first.GetStringAsync("/"));
        Assert.Contains("Aktive brugere", page);
        Assert.Contains("Næste sletninger", page);

        var otherBrowser = portal.Factory.CreateBrowserLikeClient();
        var home = await PortalFactory.SignedInPageAsync(otherBrowser, "useradmin@contoso.com", "/");
        Assert.Contains("Aktive brugere", home);
    }

    [Fact]
    public async Task EnglishStaysTheDefault()
    {
        var client = portal.Factory.CreateBrowserLikeClient();

        var home = await PortalFactory.SignedInPageAsync(client, "licenseadmin@contoso.com", "/");

        Assert.Contains("Active users", home);
        Assert.DoesNotContain("Aktive brugere", home);
    }

    [Fact]
    public async Task AnUnofferedLanguage_IsRefusedNamingTheChoices()
    {
        var client = portal.Factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/culture/set?culture=xx&returnUrl=%2F");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("\"The language 'xx' is not offered. Choose one of: en, da.\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AForeignReturnAddress_IsNotFollowed()
    {
        var client = portal.Factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/culture/set?culture=en&returnUrl=https%3A%2F%2Fexample.org%2F");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
