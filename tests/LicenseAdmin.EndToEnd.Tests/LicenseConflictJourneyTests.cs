using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>A subscription that lost paid units leaves more assigned than total: Licenses shows the conflict and its fixes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LicenseConflictJourneyTests(BrowserFixture browser)
{
    /// <summary>
    /// Suspends 6 of Fabrikam's 10 E3 units, as a billing event would (the portal itself never reduces below assigned).
    /// Fabrikam, because no other journey reads it; its 6 holders now exceed the 4 paid units by 2.
    /// </summary>
    private async Task SuspendPartOfFabrikamE3Async()
    {
        var contexts = browser.Portal.Services.GetRequiredService<TenantDbContextFactory>();
        await using var db = await contexts.ForTenantAsync(DemoDataSeeder.FabrikamId, CancellationToken.None);
        var subscription = await db.Subscriptions.SingleAsync(s => s.ProductId == DemoData.E3);
        subscription.SetState(SubscriptionStatus.Enabled, enabledUnits: 4, warningUnits: 0, suspendedUnits: 6, lockedOutUnits: 0);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task AssignedAboveTotal_IsShownAsAConflict_WithBuyUnassignAndDeleteFixes()
    {
        await SuspendPartOfFabrikamE3Async();
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@fabrikam.com");

        await page.GotoAsync("/licenses");

        var conflict = page.Locator(".license-conflict-alert[data-product='Office 365 E3']");
        await Expect(conflict).ToContainTextAsync("License conflict: Office 365 E3 has 6 assigned but only 4 paid for (2 too many).");
        await Expect(conflict.Locator("li")).ToHaveTextAsync([
            "Buy 2 licenses of Office 365 E3.",
            "Unassign 2 licenses of Office 365 E3.",
            "Delete 2 users who hold Office 365 E3.",
        ]);
        await Expect(page.Locator("#products-table tr.license-conflict[data-product='Office 365 E3'] td.available")).ToHaveTextAsync("-2");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "licenses-conflict.png"), FullPage = true });
    }
}
