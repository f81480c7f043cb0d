using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>The money spent on idle licenses, on Licenses, as a Global admin and as an admin who may not see it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IdleSpendJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task GlobalAdmin_SeesIdleSpendPerProduct_AndReducesSeatsFromAnUnusedSeatsLine()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@contoso.com");

        await page.GotoAsync("/licenses");

        await Expect(page.Locator("#idle-spend-title")).ToHaveTextAsync("Idle spend");
        var unusedE3 = page.Locator(".idle-spend-line[data-product='Office 365 E3'][data-category='UnusedSeats']");
        await Expect(unusedE3.Locator(".category")).ToHaveTextAsync("Unused seats");
        await Expect(page.Locator("#idle-spend-total .label")).ToHaveTextAsync("Total idle spend per month");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "licenses-idle-spend.png"), FullPage = true });

        await unusedE3.Locator(".reduce-seats").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/billing$"));
    }

    [Fact]
    public async Task LicenseAdmin_DoesNotSeeIdleSpend()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "licenseadmin@contoso.com");

        await page.GotoAsync("/licenses");

        await Expect(page.Locator("#licenses-table, table").First).ToBeVisibleAsync();
        await Expect(page.Locator("#idle-spend-title")).ToHaveCountAsync(0);
    }
}
