using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class MyAccountJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task OrdinaryUser_AddsAnOfficeInstallation_AndSeesItListed()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "user@contoso.com");
        await page.GotoAsync("/my-account");
        var add = page.Locator("#add-installation-button");
        // The button is enabled only once the interactive circuit has taken over the prerendered page.
        await Expect(add).ToBeEnabledAsync();

        await page.GetByLabel("Device name").FillAsync("LYNNE-DESKTOP");
        await page.Locator("#add-installation").GetByText("Mac", new() { Exact = true }).ClickAsync();
        await add.ClickAsync();

        var row = page.Locator("#office-installations tr", new() { Has = page.Locator("[data-device='LYNNE-DESKTOP']") });
        await Expect(row).ToContainTextAsync("Mac");
        await Expect(row).ToContainTextAsync("Licensed");
        await Expect(page.Locator("#my-services")).ToContainTextAsync("Mailbox (Exchange Online)");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Change password" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "my-account-installation-added.png"), FullPage = true });
    }
}
