using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>The Active users grid's selection boxes, used with the mouse and the keyboard, in English and Danish.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ActiveUsersSelectionJourneyTests(BrowserFixture browser)
{
    private static async Task<IPage> OpenActiveUsersAsync(BrowserFixture browser, string upn, string? locale = null)
    {
        var page = await browser.NewPageAsync(locale);
        await BrowserFixture.SignInAsync(page, upn);
        await page.GotoAsync("/users");
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");
        await Expect(page.Locator("#load-marker")).Not.ToHaveAttributeAsync("data-loads", "0");
        await Expect(page.Locator("#users-grid tbody tr")).ToHaveCountAsync(50);
        return page;
    }

    private static ILocator RowBox(IPage page, int row) => page.Locator("#users-grid tbody tr").Nth(row).Locator("input[type=checkbox]");

    [Fact]
    public async Task RowBoxes_SelectByClickSpaceAndShiftClick_OneRowEach_WithoutOpeningTheUser()
    {
        // Reads only: the journey changes nothing, so any admin account will do.
        var page = await OpenActiveUsersAsync(browser, "admin@contoso.com");

        await RowBox(page, 0).ClickAsync();
        await Expect(page.Locator("#selection-summary")).ToHaveTextAsync("1 selected");
        await Expect(RowBox(page, 0)).ToBeCheckedAsync();

        await RowBox(page, 2).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#selection-summary")).ToHaveTextAsync("2 selected");
        await Expect(RowBox(page, 2)).ToBeCheckedAsync();

        // Shift adds no range: the row between stays as it was.
        await RowBox(page, 4).ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await Expect(page.Locator("#selection-summary")).ToHaveTextAsync("3 selected");
        await Expect(RowBox(page, 3)).Not.ToBeCheckedAsync();

        // A click on a box selects; it does not open the user's panel as a click on the row does.
        await Expect(page.Locator("#panel-name")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "active-users-selection.png") });

        await page.Locator("#users-grid thead input[type=checkbox]").ClickAsync();
        await Expect(page.Locator("#selection-summary")).ToHaveTextAsync("50 selected");
        await Expect(page.Locator("#select-all-in-view")).ToBeVisibleAsync();

        await RowBox(page, 2).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("#selection-summary")).ToHaveTextAsync("49 selected");
        await Expect(page.Locator("#users-grid thead input[type=checkbox]")).Not.ToBeCheckedAsync();
    }

    [Fact]
    public async Task RowBoxes_InDanish_SelectAndCount()
    {
        // The browser's language only; no account's saved choice changes.
        var page = await OpenActiveUsersAsync(browser, "licenseadmin@contoso.com", "da-DK");

        await RowBox(page, 1).ClickAsync();
        await RowBox(page, 3).ClickAsync();

        await Expect(page.Locator("#selection-summary")).ToHaveTextAsync("2 valgt");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "active-users-selection-danish.png") });
    }
}
