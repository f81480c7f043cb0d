using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Groups;
using LicenseAdmin.Infrastructure.Services.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>A license both direct and inherited: the admin removes the direct assignment on the user panel and the license stays.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DirectAndInheritedLicenseJourneyTests(BrowserFixture browser)
{
    private T Service<T>() where T : notnull => browser.Portal.Services.GetRequiredService<T>();

    [Fact]
    public async Task RemoveTheDirectAssignment_TheLicenseStaysFromTheGroup_AndThePanelSaysSo()
    {
        var contexts = Service<TenantDbContextFactory>();
        Caller admin;
        Guid basic;
        Domain.Users.DirectoryUser person;
        await using (var db = await contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
        {
            var user = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.UserPrincipalName == "admin@contoso.com");
            admin = new Caller(user.TenantId, user.Id, user.UserPrincipalName, user.Roles);
            basic = await db.Products.Where(p => p.PartNumber == "O365_BUSINESS_ESSENTIALS").Select(p => p.Id).SingleAsync();
            // Third from the end: the group journey takes the last two unlicensed people.
            person = await db.DirectoryUsers.AsNoTracking()
                .Where(u => u.DeletedUtc == null && u.Kind == Domain.Users.UserKind.User && u.UsageLocation != null && u.Roles == 0)
                .Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id))
                .OrderByDescending(u => u.UserPrincipalName).Skip(2).FirstAsync();
        }
        await Service<LicenseService>().AssignAsync(admin, person.Id, basic, null, CancellationToken.None);
        var groups = Service<GroupService>();
        var group = await groups.CreateAsync(admin, "Journey direct and inherited", null, CancellationToken.None);
        await groups.AddMembersAsync(admin, group, [person.Id], CancellationToken.None);
        await groups.SetLicensesAsync(admin, group, [ProductLicense.AllPlansOn(basic)], CancellationToken.None);
        await ProcessAllAsync();

        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@contoso.com");
        await page.GotoAsync("/users");
        await Expect(page.Locator("#load-marker")).ToHaveAttributeAsync("data-interactive", "yes");
        await Expect(page.Locator("#load-marker")).Not.ToHaveAttributeAsync("data-loads", "0");
        var loads = await page.Locator("#load-marker").GetAttributeAsync("data-loads");
        await page.Locator("input#search").FillAsync(person.UserPrincipalName);
        await Expect(page.Locator("#load-marker")).Not.ToHaveAttributeAsync("data-loads", loads!);
        await Expect(page.Locator("#users-grid tbody tr")).ToHaveCountAsync(1);
        await page.Locator("#users-grid tbody tr").First.Locator("td").Nth(1).ClickAsync();
        await Expect(page.Locator("#panel-name")).ToHaveTextAsync(person.DisplayName);
        var source = page.Locator(".license-source[data-product='Microsoft 365 Business Basic']");
        await Expect(source).ToContainTextAsync("Direct, and inherited from");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "user-panel-direct-and-inherited.png"), FullPage = true });

        await source.Locator(".remove-direct").ClickAsync();

        await Expect(page.Locator("#panel-message")).ToHaveTextAsync(
            $"{person.UserPrincipalName}: Microsoft 365 Business Basic stays: it is inherited from the group Journey direct and inherited.");
        await Expect(source).ToContainTextAsync("Inherited from");
        await Expect(source.Locator(".remove-direct")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "user-panel-direct-part-removed.png"), FullPage = true });

        // Leaves the demo tenant's seats as they were for the other journeys.
        await groups.SetLicensesAsync(admin, group, [], CancellationToken.None);
        await ProcessAllAsync();
        await using var check = await contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        Assert.False(await check.LicenseAssignments.AnyAsync(a => a.UserId == person.Id));
    }

    /// <summary>Runs the processor until nothing is queued (the portal's own background run may hold the lease a moment).</summary>
    private async Task ProcessAllAsync()
    {
        var processor = Service<GroupLicenseProcessor>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await processor.RunOnceAsync(CancellationToken.None);
            await using var db = await Service<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
            if (!await db.GroupLicensingQueue.IgnoreQueryFilters().AnyAsync()) return;
            await Task.Delay(100);
        }
        Assert.Fail("The group licensing queue did not empty.");
    }
}
