using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>An admin creates a group, adds two people, gives it a product and sees the members licensed by the portal's processor.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupLicensingJourneyTests(BrowserFixture browser)
{
    /// <summary>The last two unlicensed Contoso people by username: other journeys take people from the start of the list.</summary>
    private async Task<IReadOnlyList<string>> TwoUnlicensedPeopleAsync()
    {
        var contexts = browser.Portal.Services.GetRequiredService<TenantDbContextFactory>();
        await using var db = await contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.DirectoryUsers
            .Where(u => u.DeletedUtc == null && u.Kind == UserKind.User && u.UsageLocation != null && u.Roles == 0)
            .Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id))
            .OrderByDescending(u => u.UserPrincipalName).Take(2).Select(u => u.UserPrincipalName).ToListAsync();
    }

    [Fact]
    public async Task CreateAGroup_AddMembers_GiveItAProduct_AndTheMembersAreLicensed()
    {
        var people = await TwoUnlicensedPeopleAsync();
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "licenseadmin@contoso.com");

        await Expect(page.Locator("a[href='/groups']")).ToHaveTextAsync("Groups");
        await page.GotoAsync("/groups");
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-loads", "1");
        await page.Locator("#new-group-name input").FillAsync("Journey sales");
        await page.ClickAsync("#create-group");
        var panel = page.Locator("#group-panel");
        await Expect(panel.Locator("#group-panel-name")).ToHaveTextAsync("Journey sales");

        await panel.Locator("#add-member-names input").FillAsync(string.Join(", ", people));
        await panel.Locator("#add-members").ClickAsync();
        await Expect(panel.Locator("#group-panel-message")).ToHaveTextAsync("2 members added.");
        await Expect(panel.Locator("tr.member")).ToHaveCountAsync(2);

        await panel.GetByRole(AriaRole.Tab, new() { Name = "Licenses" }).ClickAsync();
        await panel.Locator("[data-product='O365_BUSINESS_ESSENTIALS'] input[type=checkbox]").First.CheckAsync();
        await panel.Locator("#save-group-licenses").ClickAsync();
        await Expect(panel.Locator("#group-panel-message")).ToHaveTextAsync("Group licenses saved. Members get them in a moment.");

        // The portal's background processor runs every few seconds; Refresh reloads the panel until it is done.
        for (var attempt = 0; attempt < 30 && (await panel.Locator("#group-panel-status").TextContentAsync())?.Trim() != "Done"; attempt++)
        {
            await page.WaitForTimeoutAsync(1000);
            await panel.Locator("#refresh-group").ClickAsync();
        }
        await Expect(panel.Locator("#group-panel-status")).ToHaveTextAsync("Done");
        await Expect(panel.Locator(".member-error")).ToHaveCountAsync(0);
        var row = page.Locator("#groups-table tr", new() { HasText = "Journey sales" });
        await Expect(row).ToContainTextAsync("Microsoft 365 Business Basic");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "groups-panel.png"), FullPage = true });

        // The members hold the product now, as the Active users grid and their panels show it.
        var contexts = browser.Portal.Services.GetRequiredService<TenantDbContextFactory>();
        await using var db = await contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var licensed = await db.LicenseAssignments
            .Join(db.DirectoryUsers, a => a.UserId, u => u.Id, (a, u) => new { u.UserPrincipalName, a.ProductId })
            .Join(db.Products, x => x.ProductId, p => p.Id, (x, p) => new { x.UserPrincipalName, p.PartNumber })
            .Where(x => people.Contains(x.UserPrincipalName) && x.PartNumber == "O365_BUSINESS_ESSENTIALS")
            .CountAsync();
        Assert.Equal(2, licensed);
    }
}
