using System.Net;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests;

/// <summary>The sign-in page tells a guesser nothing: not which usernames exist, not which accounts are blocked.</summary>
public sealed class SignInDoorTests : IDisposable
{
    private readonly CountingPasswordHasher _hasher = new();
    private readonly PortalFactory _portal = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _counted;

    public SignInDoorTests() =>
        _counted = _portal.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IPasswordHasher<ApplicationUser>>(_hasher)));

    [Fact]
    public async Task BlockedUser_WithAWrongPassword_IsToldOnlyThatTheUsernameOrPasswordIsIncorrect()
    {
        await SetBlockedAsync("passwordadmin@contoso.com");
        var client = _portal.CreateBrowserLikeClient();

        var wrong = await (await PortalFactory.SignInAsync(client, "passwordadmin@contoso.com", "not-the-password-at-all")).Content.ReadAsStringAsync();
        var right = await (await PortalFactory.SignInAsync(client, "passwordadmin@contoso.com")).Content.ReadAsStringAsync();

        Assert.Contains("The username or password is incorrect.", wrong);
        Assert.DoesNotContain("blocked", wrong);
        Assert.Contains("This account is blocked from signing in. Ask your administrator to unblock it.", right);
    }

    [Fact]
    public async Task UnknownUsername_IsAnsweredLikeAWrongPassword_AfterTheSamePasswordCheck()
    {
        var client = _counted.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await PortalFactory.SignInAsync(client, "billing@contoso.com", "not-the-password-at-all");
        var checksForKnown = _hasher.Verifications;

        var unknown = await PortalFactory.SignInAsync(client, "nobody-here@contoso.com", "not-the-password-at-all");

        Assert.Equal(1, checksForKnown);
        Assert.Equal(2, _hasher.Verifications);
        Assert.Contains("The username or password is incorrect.", await unknown.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task SignIn_WithAForeignReturnUrl_GoesHome(string returnUrl)
    {
        var client = _portal.CreateBrowserLikeClient();
        var form = await client.GetStringAsync("/Account/Login");

        var response = await client.PostAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            PortalFactory.SignInForm(form, "licenseadmin@contoso.com", PortalFactory.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", PortalPath(response));
    }

    [Fact]
    public async Task SignIn_WithALocalReturnUrl_GoesThere()
    {
        var client = _portal.CreateBrowserLikeClient();
        var form = await client.GetStringAsync("/Account/Login");

        var response = await client.PostAsync("/Account/Login?ReturnUrl=%2Flicenses",
            PortalFactory.SignInForm(form, "licenseadmin@contoso.com", PortalFactory.Password));

        Assert.Equal("/licenses", PortalPath(response));
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task SignOut_WithAForeignReturnUrl_GoesHome(string returnUrl)
    {
        var client = _portal.CreateBrowserLikeClient();
        var home = await PortalFactory.SignedInPageAsync(client, "licenseadmin@contoso.com", "/");

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryTokenOf(home),
            ["returnUrl"] = returnUrl,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("Development", "/Account/Login")]
    [InlineData("Production", "/Account/Login")]
    [InlineData("Development", "/Account/Logout")]
    [InlineData("Production", "/Account/Logout")]
    public async Task FormPost_WithoutAnAntiforgeryToken_IsABadRequest(string environment, string path)
    {
        using var host = _portal.WithWebHostBuilder(builder => builder.UseEnvironment(environment));
        var client = host.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = "licenseadmin@contoso.com",
            ["Input.Password"] = PortalFactory.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>The redirect's path, after checking that an absolute redirect stays on the portal.</summary>
    private static string PortalPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        if (!location.IsAbsoluteUri) return location.OriginalString;
        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }

    private async Task SetBlockedAsync(string upn)
    {
        await using var db = await _portal.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        var user = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.UserPrincipalName == upn);
        user.SetSignInBlocked(true);
        await db.SaveChangesAsync();
    }

    public void Dispose()
    {
        _counted.Dispose();
        _portal.Dispose();
    }

    /// <summary>Identity's own hasher, counting how often a password is checked.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
