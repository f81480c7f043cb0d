using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AuditLogJourneyTests(BrowserFixture browser)
{
    private T Service<T>() where T : notnull => browser.Portal.Services.GetRequiredService<T>();

    private async Task<Caller> CallerAsync(string upn)
    {
        await using var db = await Service<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        var user = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.UserPrincipalName == upn);
        return new Caller(user.TenantId, user.Id, user.UserPrincipalName, user.Roles);
    }

    // A real license change and a refused one, through the same service the pages use. Business Basic
    // is used so the seat counts other journeys assert (E3, E5) stay as seeded.
    private async Task<string> ArrangeLicenseChangesAsync()
    {
        var admin = await CallerAsync("admin@contoso.com");
        var billing = await CallerAsync("billing@contoso.com");
        Guid basic, person;
        string upn;
        await using (var db = await Service<TenantDbContextFactory>().ForTenantAsync(admin.TenantId, CancellationToken.None))
        {
            basic = await db.Products.Where(p => p.PartNumber == "O365_BUSINESS_ESSENTIALS").Select(p => p.Id).SingleAsync();
            person = await db.DirectoryUsers
                .Where(u => u.DeletedUtc == null && u.Roles == 0 && u.UsageLocation != null && u.Kind == Domain.Users.UserKind.User)
                .Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id))
                .OrderBy(u => u.UserPrincipalName).Select(u => u.Id).FirstAsync();
            upn = await db.DirectoryUsers.Where(u => u.Id == person).Select(u => u.UserPrincipalName).SingleAsync();
        }
        var licenses = Service<LicenseService>();
        await licenses.AssignAsync(admin, person, basic, null, CancellationToken.None);
        await Assert.ThrowsAsync<AccessDeniedException>(() => licenses.AssignAsync(billing, person, basic, null, CancellationToken.None));
        return upn;
    }

    [Fact]
    public async Task Admin_FiltersTheLogByAction_AndSeesTheRefusalMarked()
    {
        var upn = await ArrangeLicenseChangesAsync();
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@contoso.com");

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToBeVisibleAsync();
        // Opened by address: a click on the menu while the circuit is still starting can be lost.
        await page.GotoAsync("/audit");
        var grid = page.Locator("#audit-grid");
        await Expect(grid).ToContainTextAsync("Change user license");

        await page.Locator("#audit-filters .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Change user license" }).ClickAsync();

        await Expect(page.Locator("#export-csv")).ToHaveAttributeAsync("href", "/audit/export.csv?action=Change%20user%20license");
        // Other journeys change licenses in the same database: narrow the log to this journey's user.
        await page.Locator("input#filter-target").FillAsync(upn);
        await Expect(page.Locator("#export-csv")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("target="));
        await Expect(grid.Locator("[data-outcome='Refused']")).ToHaveCountAsync(1);
        await Expect(grid.Locator("[data-outcome='Succeeded']")).ToHaveCountAsync(1);
        await Expect(grid).ToContainTextAsync("does not allow assigning or removing licenses.");
        await grid.Locator("tbody tr", new() { Has = page.Locator("[data-outcome='Succeeded']") }).Locator("button").First.ClickAsync();
        await Expect(grid.Locator("pre.audit-json").Nth(1)).ToContainTextAsync("productId");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "audit-log-filtered-by-action.png"), FullPage = true });
    }
}
