using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LicenseAdmin.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class MfaJourneyTests(BrowserFixture browser)
{
    private const string Admin = "admin@fabrikam.com";

    [Fact]
    public async Task GlobalAdmin_RequiresMfa_IsSentToSetUp_ScansTheQrCode_AndGetsRecoveryCodes()
    {
        var page = await browser.NewPageAsync();
        try
        {
            await BrowserFixture.SignInAsync(page, Admin);
            var requireMfa = page.Locator("#security-settings input[type=checkbox]");
            await Expect(requireMfa).ToBeEnabledAsync();
            await requireMfa.ClickAsync();
            await Expect(page.Locator("#security-saved")).ToHaveTextAsync("MFA is now required for administrators.");

            // The next admin page sends this admin (who has no authenticator yet) to set-up.
            await page.GotoAsync("/users");
            await Expect(page.Locator("#mfa-required")).ToBeVisibleAsync();
            await Expect(page.Locator("#qr-code")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "mfa-enrolment.png"), FullPage = true });

            var key = await page.Locator("#shared-key").InnerTextAsync();
            await page.FillAsync("input[name='Input.Code']", Totp.Code(key, DateTimeOffset.UtcNow));
            await page.ClickAsync("#verify-authenticator");
            await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "mfa-recovery-codes.png"), FullPage = true });

            await page.ClickAsync("#continue");
            await Expect(page.Locator("#signed-in-as")).ToBeVisibleAsync();
            await Expect(page.Locator("#security-settings input[type=checkbox]")).ToBeCheckedAsync();
        }
        finally
        {
            await RestoreDemoAsync();
        }
    }

    /// <summary>Other journeys sign in as this admin with the password alone.</summary>
    private async Task RestoreDemoAsync()
    {
        await using var scope = browser.Portal.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<TenantDbContextFactory>();
        await using (var db = await contexts.ForTenantAsync(DemoDataSeeder.FabrikamId, CancellationToken.None))
        {
            (await db.Tenants.SingleAsync()).SetRequireMfaForAdmins(false);
            await db.SaveChangesAsync();
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = await users.FindByNameAsync(Admin);
        if (account is not null) await users.SetTwoFactorEnabledAsync(account, false);
    }
}
