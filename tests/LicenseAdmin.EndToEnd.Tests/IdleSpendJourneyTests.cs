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

    [Fact]
    public async Task GlobalAdmin_OpensALinesUsers_AllSelected_RemovesTheirLicensesWithTheBulkDialog_AndUndoes()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@contoso.com");
        await page.GotoAsync("/licenses");

        // A line of licenses held idly (blocked or inactive users): removing all their licenses is the reclaim.
        var line = page.Locator(".idle-spend-line[data-category='BlockedSignIn'], .idle-spend-line[data-category='Inactive']").First;
        var licenses = (await line.Locator(".licenses").InnerTextAsync()).Trim();
        await line.Locator(".open-users").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/users\\?view=idle-"));
        await Expect(page.Locator("#selection-summary")).ToHaveTextAsync($"All {licenses} users in this view are selected");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "idle-spend-view-selected.png"), FullPage = true });

        await page.Locator("#manage-licenses").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("#mode-replace").ClickAsync();
        await dialog.Locator("#remove-all input[type=checkbox], input#remove-all").First.CheckAsync();
        await dialog.Locator("#preview").ClickAsync();
        await Expect(dialog.Locator("#license-preview")).ToBeVisibleAsync();
        await dialog.Locator("#confirm").ClickAsync();
        await Expect(dialog.Locator("#dialog-result")).ToHaveTextAsync($"Licenses changed for {licenses} users.");

        await dialog.Locator("#undo").ClickAsync();
        await Expect(dialog.Locator("#dialog-result")).ToHaveTextAsync($"Undone: {licenses} users have their previous licenses again.");
        await dialog.Locator("#done").ClickAsync();
    }
}
