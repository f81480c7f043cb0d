using Bunit;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Web.Components.Pages;
using LicenseAdmin.Web.Tests.Support;

namespace LicenseAdmin.Web.Tests.Pages;

/// <summary>Each test acts as a different demo user, so the shared portal database serves them all.</summary>
public sealed class MyAccountPageTests(PortalFixture portal) : PageTestBase(portal), IClassFixture<PortalFixture>
{
    [Fact]
    public async Task LicensedUser_SeesLicenseServicesAndInstallations()
    {
        await SignInAsAsync("user@contoso.com");

        var page = Render<MyAccountPage>();

        page.WaitForAssertion(() => Assert.Contains("Lynne Robbins (user@contoso.com)", page.Find("#my-name").TextContent));
        Assert.Contains("Office 365 E3", page.Find("#my-licenses").TextContent);
        Assert.Contains("36 of 36 services on", page.Find("#my-licenses").TextContent);
        Assert.Equal("Active", page.Find("[data-family='Exchange'] [data-cell='status']").TextContent.Trim());
        Assert.NotNull(page.Find("[data-device='LYNNE-LAPTOP']"));
        Assert.Empty(page.FindAll(".unlicensed-product"));
        Assert.Equal("Account/Manage/ChangePassword", page.Find("a[href='Account/Manage/ChangePassword']").GetAttribute("href"));
    }

    [Fact]
    public async Task InDanish_ServicesCountAndRemoveLabelAreDanish()
    {
        await SignInAsAsync("user@contoso.com");
        using var danish = CultureScope.Danish();

        var page = Render<MyAccountPage>();

        page.WaitForAssertion(() => Assert.Contains("36 af 36 tjenester slået til", page.Find("#my-licenses").TextContent));
        Assert.Equal("Fjern LYNNE-LAPTOP", page.Find("[data-device='LYNNE-LAPTOP']").ParentElement!.QuerySelector("button[aria-label]")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task AddingAnInstallation_ListsItWithItsPlatform()
    {
        var upn = await StaffHoldingOnlyAsync("ENTERPRISEPACK");
        await SignInAsAsync(upn);
        var page = Render<MyAccountPage>();
        page.WaitForAssertion(() => page.Find("#add-installation-button"));

        await page.InvokeAsync(() => page.Find("#new-device-name input").Input("STUDIO-MAC"));
        await page.InvokeAsync(() => page.FindAll("#add-installation input[type='radio']")[1].Click());
        await page.InvokeAsync(() => page.Find("#add-installation-button").Click());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-device='STUDIO-MAC']")));
        Assert.Contains("Mac", page.Find("#office-installations tbody tr").TextContent);
        Assert.Empty(page.FindAll("#office-error"));
    }

    [Fact]
    public async Task SixthInstallation_ShowsTheServicesMessage_AndAddsNothing()
    {
        var upn = await StaffHoldingOnlyAsync("ENTERPRISEPACK", skip: 1);
        var caller = await SignInAsAsync(upn);
        for (var i = 1; i <= 5; i++) await Office.AddAsync(caller, $"PC-{i}", DevicePlatform.Pc, CancellationToken.None);
        var page = Render<MyAccountPage>();
        page.WaitForAssertion(() => page.Find("[data-device='PC-5']"));

        await page.InvokeAsync(() => page.Find("#new-device-name input").Input("PC-6"));
        await page.InvokeAsync(() => page.Find("#add-installation-button").Click());

        page.WaitForAssertion(() => Assert.Equal(
            "Office is already installed on 5 devices. Remove one before installing on another.",
            page.Find("#office-error .mud-alert-message").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-device='PC-6']"));
        Assert.Equal(5, page.FindAll("#office-installations tbody tr").Count);
    }

    [Fact]
    public async Task AfterTheLicenseGoes_InstallationsShowUnlicensedProductInRed()
    {
        var upn = await StaffHoldingOnlyAsync("OFFICESUBSCRIPTION");
        var caller = await CallerAsync(upn);
        await Office.AddAsync(caller, "OLD-LAPTOP", DevicePlatform.Pc, CancellationToken.None);
        var admin = await CallerAsync("admin@contoso.com");
        await Licenses.RemoveAsync(admin, caller.UserId, await ProductIdAsync("OFFICESUBSCRIPTION"), CancellationToken.None);
        await SignInAsAsync(upn);

        var page = Render<MyAccountPage>();

        page.WaitForAssertion(() => Assert.Equal("Unlicensed product", page.Find(".unlicensed-product").TextContent.Trim()));
        Assert.Contains("mud-chip-color-error", page.Find(".unlicensed-product").ClassName);
        Assert.NotNull(page.Find("#no-licenses"));
        Assert.Equal("Removed: installations show Unlicensed product", page.Find("[data-family='OfficeApps'] [data-cell='status']").TextContent.Trim());
    }

    [Fact]
    public async Task RemovingAnInstallation_TakesItOffTheList()
    {
        var upn = await StaffHoldingOnlyAsync("ENTERPRISEPACK", skip: 2);
        var caller = await SignInAsAsync(upn);
        await Office.AddAsync(caller, "SPARE-PC", DevicePlatform.Pc, CancellationToken.None);
        var page = Render<MyAccountPage>();
        page.WaitForAssertion(() => page.Find("[data-device='SPARE-PC']"));

        await page.InvokeAsync(() => page.Find("button[aria-label='Remove SPARE-PC']").Click());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-device='SPARE-PC']")));
    }
}
