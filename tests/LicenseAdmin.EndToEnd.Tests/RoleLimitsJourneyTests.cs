using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>Roles that may not delete or restore users are not offered the buttons (the services refuse them anyway).</summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleLimitsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task LicenseAdmin_SeesNoDeleteButton_OnActiveUsers()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "licenseadmin@contoso.com");
        await page.GotoAsync("/users");
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");
        await Expect(page.Locator("#users-grid")).ToContainTextAsync("Adele Vance");

        await Expect(page.Locator("#manage-licenses")).ToBeVisibleAsync();
        await Expect(page.Locator("#delete-users")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "license-admin-no-delete.png") });
    }

    [Fact]
    public async Task BillingAdmin_SeesDeletedUsers_ButNoRestoreButton()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "billing@contoso.com");
        await page.GotoAsync("/users/deleted");
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");
        await Expect(page.Locator("#deleted-grid tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("#deleted-grid")).Not.ToContainTextAsync("No deleted users.");

        await Expect(page.Locator("#restore")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "billing-admin-no-restore.png") });
    }
}
