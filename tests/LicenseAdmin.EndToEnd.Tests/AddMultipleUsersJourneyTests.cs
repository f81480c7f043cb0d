using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>Adding a class of new employees from a CSV file, as an administrator would on Active users.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AddMultipleUsersJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task AdminUploadsAFile_FixesTheProblemTheReportNames_AndAddsTheUsersWithE3()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@contoso.com");
        await page.GotoAsync("/users");
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");
        await Expect(page.Locator("#users-grid")).ToContainTextAsync("Adele Vance");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        const string header = "User Name,First Name,Last Name,Display Name,Department,Usage Location";

        await page.Locator("#add-multiple-users").ClickAsync();
        await Expect(page.Locator("#add-multiple-users-dialog")).ToBeVisibleAsync();
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "new-hires.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"{header}\nnina.{suffix}@contoso.com,Nina,Lund,Nina Lund,Sales,DK\ntom.{suffix}@contoso.com,Tom,Berg,Tom Berg,Sales,Denmark\n"),
        });
        await Expect(page.Locator("#import-check")).ToBeEnabledAsync();
        await page.Locator("#import-check").ClickAsync();
        await Expect(page.Locator("#import-problems")).ToContainTextAsync(
            "Line 3, Usage Location: 'Denmark' is not a usage location: use a two-letter country code such as DK or US.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "add-multiple-users-problems.png"), FullPage = true });

        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "new-hires.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"{header}\nnina.{suffix}@contoso.com,Nina,Lund,Nina Lund,Sales,DK\ntom.{suffix}@contoso.com,Tom,Berg,Tom Berg,Sales,DK\n"),
        });
        await page.Locator("[data-product='ENTERPRISEPACK'] input[type=checkbox]").CheckAsync();
        await Expect(page.Locator("#import-check")).ToBeEnabledAsync();
        await page.Locator("#import-check").ClickAsync();
        await Expect(page.Locator("#import-valid")).ToHaveTextAsync("All 2 users are valid.");
        await page.Locator("#import-apply").ClickAsync();

        await Expect(page.Locator("#import-done")).ToHaveTextAsync("2 users added.");
        await Expect(page.Locator("#import-created tbody tr")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "add-multiple-users-result.png"), FullPage = true });
        await page.Locator("#import-close").ClickAsync();
        await page.Locator("input#search").FillAsync($"nina.{suffix}");
        await Expect(page.Locator("#users-grid tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#users-grid tbody tr").First).ToContainTextAsync("Office 365 E3");

        // The demo tenant is shared by every journey: its last E3 seats go back for the journeys that need them.
        await new DemoData(browser).TakeBackAsync([$"nina.{suffix}@contoso.com", $"tom.{suffix}@contoso.com"], DemoData.E3);
    }
}
