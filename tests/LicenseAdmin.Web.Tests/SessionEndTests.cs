using System.Net;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests;

/// <summary>Sessions end when rights end: the cookie is checked against the account, and never revived.</summary>
public sealed class SessionEndTests : IDisposable
{
    // Every request checks the account, so a test needs no waiting for the interval to pass.
    private readonly PortalFactory _portal = new PortalFactory().With("Security:Sessions:ValidationInterval", "00:00:00");

    [Fact]
    public async Task CultureSwitch_AfterAnAdminBlockedTheUser_SignsOutInsteadOfRenewingTheSession()
    {
        // The shared default interval (30 seconds): only the language switch's own check can notice in time.
        using var portal = new PortalFactory();
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignedInPageAsync(client, "billing@contoso.com", "/");

        await BlockAsync(portal, "billing@contoso.com");
        var switched = await client.GetAsync("/culture/set?culture=da&returnUrl=%2Fbilling");
        var after = await client.GetAsync("/billing");

        Assert.Equal("/billing", switched.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("blocked")]
    [InlineData("deleted")]
    public async Task SignInCookie_OfAUserBlockedOrDeletedWithoutANewStamp_StopsWorkingAtTheNextCheck(string change)
    {
        var client = _portal.CreateBrowserLikeClient();
        await PortalFactory.SignedInPageAsync(client, "useradmin@contoso.com", "/");

        // Straight in the database, so the account's security stamp stays as it was: the check must read the user.
        await using (var db = await _portal.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None))
        {
            var user = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.UserPrincipalName == "useradmin@contoso.com");
            if (change == "blocked") user.SetSignInBlocked(true);
            else user.MarkDeleted(DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        var after = await client.GetAsync("/users");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignInCookie_AfterAnAdminResetThePassword_StopsWorking()
    {
        var client = _portal.CreateBrowserLikeClient();
        await PortalFactory.SignedInPageAsync(client, "licenseadmin@contoso.com", "/");

        var admin = await CallerAsync(_portal, "admin@contoso.com");
        await _portal.Services.GetRequiredService<UserService>().ResetPasswordAsync(admin, await UserIdAsync(_portal, "licenseadmin@contoso.com"), CancellationToken.None);
        var after = await client.GetAsync("/licenses");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignInCookie_OfAnActiveUser_KeepsWorkingWhenCheckedOnEveryRequest()
    {
        var client = _portal.CreateBrowserLikeClient();
        await PortalFactory.SignedInPageAsync(client, "serviceadmin@contoso.com", "/");

        var first = await client.GetAsync("/");
        var second = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    internal static async Task BlockAsync(PortalFactory portal, string upn)
    {
        var admin = await CallerAsync(portal, "admin@contoso.com");
        await portal.Services.GetRequiredService<UserService>().SetSignInBlockedAsync(admin, await UserIdAsync(portal, upn), true, CancellationToken.None);
    }

    internal static async Task<Caller> CallerAsync(PortalFactory portal, string upn)
    {
        await using var db = await portal.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        var user = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.UserPrincipalName == upn && u.DeletedUtc == null);
        return new Caller(user.TenantId, user.Id, user.UserPrincipalName, user.Roles);
    }

    internal static async Task<Guid> UserIdAsync(PortalFactory portal, string upn) => (await CallerAsync(portal, upn)).UserId;

    public void Dispose() => _portal.Dispose();
}
