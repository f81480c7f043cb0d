using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class LanguageJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task SwitchingToDanish_TranslatesThePortal_AndBackToEnglish()
    {
        var page = await browser.NewPageAsync();
        // An account no other journey uses: the choice is saved on the account.
        await BrowserFixture.SignInAsync(page, "serviceadmin@contoso.com");
        await page.GotoAsync("/users");
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");

        await page.Locator("#language-switch button").First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Dansk").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aktive brugere" })).ToBeVisibleAsync();
        await Expect(page.Locator("#users-grid")).ToContainTextAsync("Vist navn");
        await Expect(page.Locator("#users-grid")).ToContainTextAsync("Adele Vance");
        await Expect(page.Locator("#selection-summary")).Not.ToHaveTextAsync("0 brugere");
        // MudBlazor's own pager texts follow the language too.
        await Expect(page.Locator("#users-grid .mud-table-pagination")).ToContainTextAsync("Rækker pr. side:");
        await Expect(page.Locator("#users-grid .mud-table-pagination")).ToContainTextAsync(new Regex(@"1-50 af \d+"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "active-users-danish.png") });

        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");
        await page.Locator("#language-switch button").First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("English").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Active users" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("en-US", "Sign in", "Keep me signed in", "Error: The username or password is incorrect.")]
    [InlineData("da-DK", "Log på", "Forbliv logget på", "Fejl: Brugernavnet eller adgangskoden er forkert.")]
    public async Task SignInPage_SpeaksTheBrowsersLanguage_DownToItsRefusal(string locale, string heading, string keepSignedIn, string refusal)
    {
        var page = await browser.NewPageAsync(locale);

        await page.GotoAsync("/Account/Login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading })).ToBeVisibleAsync();
        await Expect(page.Locator("label.check")).ToContainTextAsync(keepSignedIn);
        // An unknown account, so no journey's account moves towards lockout.
        await page.FillAsync("input[name='Input.UserName']", "nobody-here@contoso.com");
        await page.FillAsync("input[name='Input.Password']", "not-the-password-at-all");
        await page.ClickAsync("#sign-in");

        await Expect(page.Locator(".alert-danger")).ToHaveTextAsync(refusal);
    }
}
