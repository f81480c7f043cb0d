using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>The portal works under its Content-Security-Policy: no page breaks a rule of it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyJourneyTests(BrowserFixture browser)
{
    private static readonly string[] AdminPages = ["/", "/users", "/users/deleted", "/licenses", "/billing", "/audit", "/my-account"];

    [Fact]
    public async Task EveryPage_UnderTheContentSecurityPolicy_ReportsNoViolation()
    {
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        page.PageError += (_, error) => violations.Add(error);

        var signIn = await page.GotoAsync("/Account/Login");
        Assert.Contains("script-src 'self' 'nonce-", await signIn!.HeaderValueAsync("content-security-policy"));
        await page.FillAsync("input[name='Input.UserName']", "admin@contoso.com");
        await page.FillAsync("input[name='Input.Password']", Web.Tests.Support.PortalFactory.Password);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#signed-in-as")).ToBeVisibleAsync();

        foreach (var path in AdminPages)
        {
            await page.GotoAsync(path);
            // The interactive circuit (WebSocket, scripts) must be up on every page, not just the prerendered HTML.
            await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        await page.GotoAsync("/users");
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");

        Assert.Empty(violations);
    }
}
