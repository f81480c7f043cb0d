using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Licensing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SignInJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task GlobalAdmin_SignsIn_AndSeesTheTenantsSeatCounts()
    {
        var page = await browser.NewPageAsync();

        await BrowserFixture.SignInAsync(page, "admin@contoso.com");

        await Expect(page.Locator("#signed-in-as")).ToContainTextAsync("Adele Vance · Contoso");
        // Other journeys change licenses in the same database; the page must show what the database holds now.
        var seats = (await browser.Portal.Services.GetRequiredService<SeatSummaryService>().GetAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
            .ToDictionary(s => s.PartNumber);
        var e3 = page.Locator("#seat-table tr", new() { Has = page.Locator("[data-product='ENTERPRISEPACK']") });
        await Expect(e3.Locator("[data-cell='total']")).ToHaveTextAsync(seats["ENTERPRISEPACK"].Total.ToString());
        await Expect(e3.Locator("[data-cell='assigned']")).ToHaveTextAsync(seats["ENTERPRISEPACK"].Assigned.ToString());
        Assert.InRange(seats["ENTERPRISEPACK"].Total, 25, 30);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Billing" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "home-global-admin.png"), FullPage = true });
    }

    [Fact]
    public async Task WrongPassword_ShowsTheMessageOnTheSignInPage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/Account/Login");

        await page.FillAsync("input[name='Input.UserName']", "admin@contoso.com");
        await page.FillAsync("input[name='Input.Password']", "this-is-not-it");
        await page.ClickAsync("#sign-in");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The username or password is incorrect.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "sign-in-wrong-password.png") });
    }
}
