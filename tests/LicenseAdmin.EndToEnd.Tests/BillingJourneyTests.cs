using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>Buying and removing licenses on Billing, and reading seats and holders on Licenses.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BillingJourneyTests(BrowserFixture browser)
{
    private const string E3 = "Office 365 E3";

    private async Task<IPage> OpenAsync(string upn, string path)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, upn);
        await page.GotoAsync(path);
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");
        return page;
    }

    private static ILocator Row(IPage page, string table, string product) => page.Locator($"#{table} tr[data-product='{product}']");

    private static async Task<ILocator> OpenDialogAsync(IPage page, string product, string button)
    {
        await Row(page, "billing-table", product).Locator(button).ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        return dialog;
    }

    private static async Task SetUnitsAsync(ILocator dialog, int units)
    {
        var field = dialog.Locator("input#units, #units input").First;
        await field.FillAsync(units.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await field.PressAsync("Tab");
    }

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name), FullPage = true });

    [Fact]
    public async Task BillingAdmin_BuysFiveE3Licenses_AndTheTotalShowsThirty_ThenRemovesThemAgain()
    {
        var page = await OpenAsync("billing@contoso.com", "/billing");
        await Expect(Row(page, "billing-table", E3).Locator("td.total")).ToHaveTextAsync("25");
        await Expect(Row(page, "billing-table", E3).Locator("td.cost")).ToHaveTextAsync("575.00 USD");

        var buy = await OpenDialogAsync(page, E3, ".buy-licenses");
        await SetUnitsAsync(buy, 5);
        await Expect(buy.Locator("#count-after")).ToContainTextAsync("30 licenses in total");
        await ScreenshotAsync(page, "billing-buy-dialog.png");
        await buy.Locator("#confirm").ClickAsync();

        await Expect(page.Locator("#billing-result")).ToHaveTextAsync("Bought 5 licenses of Office 365 E3: 30 in total now.");
        await Expect(Row(page, "billing-table", E3).Locator("td.total")).ToHaveTextAsync("30");
        await Expect(Row(page, "billing-table", E3).Locator("td.available")).ToHaveTextAsync("10");
        await Expect(Row(page, "billing-table", E3).Locator("td.cost")).ToHaveTextAsync("690.00 USD");
        await ScreenshotAsync(page, "billing-bought.png");

        // Other journeys count E3 seats on the shared portal, so the journey gives the five back (through the page too).
        var remove = await OpenDialogAsync(page, E3, ".remove-licenses");
        await SetUnitsAsync(remove, 5);
        await remove.Locator("#confirm").ClickAsync();
        await Expect(page.Locator("#billing-result")).ToHaveTextAsync("Removed 5 licenses of Office 365 E3: 25 in total now.");
        await Expect(Row(page, "billing-table", E3).Locator("td.total")).ToHaveTextAsync("25");
    }

    [Fact]
    public async Task RemovingBelowTheAssignedCount_ShowsTheServicesMessage_AndChangesNothing()
    {
        var page = await OpenAsync("admin@contoso.com", "/billing");
        var total = await Row(page, "billing-table", E3).Locator("td.total").InnerTextAsync();
        var dialog = await OpenDialogAsync(page, E3, ".remove-licenses");
        await Expect(dialog.Locator("#count-limits")).ToContainTextAsync("are assigned, so you can remove at most");

        await SetUnitsAsync(dialog, 20);
        await dialog.Locator("#confirm").ClickAsync();

        await Expect(dialog.Locator("#dialog-error")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(
            @"^Office 365 E3 has \d+ licenses assigned; unassign \d+ licenses before reducing to \d+\.$"));
        await ScreenshotAsync(page, "billing-remove-below-assigned.png");
        await dialog.Locator("#cancel").ClickAsync();
        await Expect(Row(page, "billing-table", E3).Locator("td.total")).ToHaveTextAsync(total);
    }

    [Fact]
    public async Task LicensesPage_ShowsSeatsPerProduct_AndListsTheHoldersOfTheChosenProduct()
    {
        var page = await OpenAsync("licenseadmin@contoso.com", "/licenses");
        await Expect(Row(page, "products-table", E3).Locator("td.total")).ToHaveTextAsync("25");
        await Expect(page.Locator("#products-table")).Not.ToContainTextAsync("Cost per month");

        await Row(page, "products-table", E3).Locator("td").First.ClickAsync();

        await Expect(page.Locator("#holders-title")).ToHaveTextAsync("Users with Office 365 E3");
        await Expect(page.Locator("#holders-grid")).ToContainTextAsync("admin@contoso.com");
        await ScreenshotAsync(page, "licenses-e3-holders.png");
    }
}
