using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>An open page stops working once its user's sign-in is blocked (BrowserFixture checks every 2 seconds).</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionEndJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task OpenActiveUsersPage_OfAUserWhoseSignInIsBlocked_IsSentToSignIn()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "useradmin@contoso.com", "/users");
        // The interactive circuit must be running: the prerendered page alone would prove nothing.
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");

        await new JourneyUsers(browser).BlockAsync("useradmin@contoso.com");

        // No click or reload: the open circuit notices by itself and leaves for the sign-in page.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await Expect(page.Locator("#signed-in-as")).ToHaveCountAsync(0);
    }
}
