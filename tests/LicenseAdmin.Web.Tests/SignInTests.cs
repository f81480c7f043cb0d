using System.Net;
using System.Text.RegularExpressions;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests;

public sealed class SignInTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task GlobalAdmin_SignsIn_AndHomeShowsRealSeatCounts()
    {
        var client = portal.Factory.CreateBrowserLikeClient();

        var home = await PortalFactory.SignedInPageAsync(client, "admin@contoso.com", "/");

        Assert.Contains("Office 365 E3", home);
        Assert.Contains("data-product=\"ENTERPRISEPREMIUM\"", home);
        Assert.Equal("25", SeatCell(home, "ENTERPRISEPACK", "total"));
        Assert.Equal("20", SeatCell(home, "ENTERPRISEPACK", "assigned"));
        Assert.Equal("1", SeatCell(home, "ENTERPRISEPREMIUM", "available"));
        Assert.Contains("Adele Vance", home);
        Assert.DoesNotContain("Fabrikam", home);
    }

    private static string SeatCell(string html, string partNumber, string cell) =>
        Regex.Match(html, $"data-product=\"{partNumber}\"[\\s\\S]*?data-cell=\"{cell}\"[^>]*>\\s*(\\d+)").Groups[1].Value;

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        var client = portal.Factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WrongPassword_SaysTheUsernameOrPasswordIsIncorrect()
    {
        var client = portal.Factory.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, "billing@contoso.com", "not-the-password-at-all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The username or password is incorrect.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightOne()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        HttpResponseMessage last = null!;
        for (var attempt = 1; attempt <= 5; attempt++)
            last = await PortalFactory.SignInAsync(client, "serviceadmin@contoso.com", $"wrong-password-{attempt}");

        Assert.Equal("/Account/Lockout", last.Headers.Location?.AbsolutePath);
        var withRightPassword = await PortalFactory.SignInAsync(client, "serviceadmin@contoso.com");
        Assert.Equal("/Account/Lockout", withRightPassword.Headers.Location?.AbsolutePath);
        var page = await client.GetStringAsync("/Account/Lockout");
        Assert.Contains("This account is locked after 5 failed sign-in attempts.", page);
    }

    [Fact]
    public async Task BlockedUser_IsToldTheAccountIsBlocked()
    {
        await using (var db = await portal.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None))
        {
            var user = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.UserPrincipalName == "passwordadmin@contoso.com");
            user.SetSignInBlocked(true);
            await db.SaveChangesAsync();
        }
        var client = portal.Factory.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, "passwordadmin@contoso.com");

        Assert.Contains("This account is blocked from signing in. Ask your administrator to unblock it.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ASuccessfulSignIn_RecordsTheLastSignInTime_AndAWrongPasswordDoesNot()
    {
        var contexts = portal.Factory.Services.GetRequiredService<TenantDbContextFactory>();
        async Task<DateTime?> LastSignInAsync()
        {
            await using var db = await contexts.ForSystemAsync(CancellationToken.None);
            return await db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.UserPrincipalName == "user@contoso.com").Select(u => u.LastSignInUtc).SingleAsync();
        }
        await using (var db = await contexts.ForSystemAsync(CancellationToken.None))
            await db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.UserPrincipalName == "user@contoso.com")
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInUtc, (DateTime?)null));

        await PortalFactory.SignInAsync(portal.Factory.CreateBrowserLikeClient(), "user@contoso.com", "not-the-password-at-all");
        Assert.Null(await LastSignInAsync());

        await PortalFactory.SignInAsync(portal.Factory.CreateBrowserLikeClient(), "user@contoso.com");
        Assert.NotNull(await LastSignInAsync());
    }

    [Fact]
    public async Task OrdinaryUser_IsSentFromHomeToMyAccount()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "user@contoso.com");

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/my-account", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task LicenseAdmin_OpeningBilling_IsToldTheRoleDoesNotAllowIt()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        var home = await PortalFactory.SignedInPageAsync(client, "licenseadmin@contoso.com", "/");

        var billing = await client.GetAsync("/billing");

        Assert.DoesNotContain("href=\"/billing\"", home);
        Assert.Equal("/Account/AccessDenied", billing.Headers.Location?.AbsolutePath);
        Assert.Contains("Your role does not allow this page.", await client.GetStringAsync(billing.Headers.Location));
    }

    [Fact]
    public async Task Health_ReportsTheDatabaseHealthy()
    {
        var client = portal.Factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>One portal for the class: starting it migrates and seeds a database, which takes a few seconds.</summary>
public sealed class PortalFixture : IDisposable
{
    public PortalFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
