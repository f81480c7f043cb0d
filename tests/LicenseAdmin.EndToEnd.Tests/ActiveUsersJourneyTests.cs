using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>The seed's procedures on Active users, clicked through as an administrator would.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ActiveUsersJourneyTests(BrowserFixture browser)
{
    private readonly DemoData _data = new(browser);

    private static async Task<IPage> OpenActiveUsersAsync(BrowserFixture browser)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@contoso.com");
        await page.GotoAsync("/users");
        await Expect(page.Locator("#users-grid")).ToContainTextAsync("Adele Vance");
        return page;
    }

    private static async Task ChooseViewAsync(IPage page, string view)
    {
        await page.GetByRole(AriaRole.Combobox, new() { Name = "View" }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = view }).First.ClickAsync();
    }

    private static async Task SearchAsync(IPage page, string text)
    {
        await page.Locator("input#search").FillAsync(text);
        await Expect(page.Locator("#users-grid tbody tr")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task ViewUnlicensedUsers_ShowsOnlyUsersWithoutLicenses()
    {
        var page = await OpenActiveUsersAsync(browser);

        await ChooseViewAsync(page, "Unlicensed users");

        await Expect(page.Locator("#users-grid")).Not.ToContainTextAsync("Adele Vance");
        await Expect(page.Locator("#users-grid tbody tr").First).ToContainTextAsync("Unlicensed");
        await Expect(page.Locator("#users-grid")).Not.ToContainTextAsync("Office 365 E3");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "users-unlicensed-view.png"), FullPage = true });
    }

    [Fact]
    public async Task AssignOneUserAProduct_WithSkypeForBusinessTurnedOff()
    {
        var user = (await _data.UnlicensedPeopleAsync(1, skip: 0))[0];
        var skype = await _data.PlanIdAsync("MCOSTANDARD");
        var page = await OpenActiveUsersAsync(browser);
        await SearchAsync(page, user.UserPrincipalName);

        await page.Locator("#users-grid tbody tr").First.Locator("td").Nth(1).ClickAsync();
        await Expect(page.Locator("#panel-name")).ToHaveTextAsync(user.DisplayName);
        await page.Locator("[data-product='ENTERPRISEPACK'] input[type=checkbox]").First.CheckAsync();
        await page.Locator("[data-plan='MCOSTANDARD'] input[type=checkbox]").UncheckAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "user-panel-skype-off.png"), FullPage = true });
        await page.Locator("#save-licenses").ClickAsync();

        await Expect(page.Locator("#panel-message")).ToHaveTextAsync("Licenses saved.");
        Assert.Equal([skype], await _data.DisabledPlansAsync(user.Id, DemoData.E3));
        await Expect(page.Locator("#users-grid tbody tr").First).ToContainTextAsync("Office 365 E3");
    }
}
