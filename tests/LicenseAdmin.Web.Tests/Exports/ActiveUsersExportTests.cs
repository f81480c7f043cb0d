using System.Globalization;
using System.Net;
using CsvHelper;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.Exports;

/// <summary>GET /users/export.csv: the whole view as CSV, and a refusal as a plain message with 403 or 400.</summary>
public sealed class ActiveUsersExportTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<Caller> CallerAsync(string upn)
    {
        await using var db = await portal.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        var user = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.UserPrincipalName == upn);
        return new Caller(user.TenantId, user.Id, user.UserPrincipalName, user.Roles);
    }

    private async Task<int> TotalInViewAsync(UserView view)
    {
        var directory = portal.Factory.Services.GetRequiredService<UserDirectoryService>();
        var page = await directory.PageAsync(await CallerAsync("admin@contoso.com"), new UserFilter(view, null, null), new UserSort(), 0, 1, CancellationToken.None);
        return page.Total;
    }

    private static List<string[]> Rows(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(reader.Parser.Record!);
        return rows;
    }

    private async Task<HttpClient> SignedInAsync(string upn)
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, upn);
        return client;
    }

    [Fact]
    public async Task Export_OfAllUsers_IsTheWholeViewToTheLastRow()
    {
        var client = await SignedInAsync("admin@contoso.com");
        var total = await TotalInViewAsync(UserView.All);

        var response = await client.GetAsync("/users/export.csv?view=all");
        // Reads to the end: an export cut off after its last row fails here.
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("active-users.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var rows = Rows(csv);
        Assert.Equal(
        [
            "Display name", "Username", "Licenses", "Department", "Usage location", "Sign-in blocked", "Kind", "Admin roles",
            "First name", "Last name", "Job title", "Office", "Office phone", "Mobile phone", "Fax", "Alternate email address",
            "Address", "City", "State or province", "ZIP or postal code", "Country or region",
        ], rows[0]);
        Assert.Equal(total, rows.Count - 1);
        Assert.Contains(rows, row => row[1] == "admin@contoso.com" && row[7] == "Global administrator");
    }

    [Fact]
    public async Task Export_OfTheUnlicensedView_HasEveryUnlicensedUserAndNoOther()
    {
        var client = await SignedInAsync("admin@contoso.com");
        var total = await TotalInViewAsync(UserView.Unlicensed);

        var csv = await client.GetStringAsync("/users/export.csv?view=unlicensed");

        var rows = Rows(csv).Skip(1).ToList();
        Assert.Equal(total, rows.Count);
        Assert.All(rows, row => Assert.Equal(string.Empty, row[2]));
    }

    [Theory]
    [InlineData("everyone", "The view 'everyone' is not a view of Active users.")]
    [InlineData("product:not-a-product", "The view 'product:not-a-product' is not a view of Active users.")]
    public async Task Export_OfAViewThatDoesNotExist_IsABadRequest_NamingTheView(string view, string message)
    {
        var client = await SignedInAsync("admin@contoso.com");

        var response = await client.GetAsync($"/users/export.csv?view={Uri.EscapeDataString(view)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_ByAnAdminBlockedSinceSigningIn_IsForbidden_WithTheServicesReason()
    {
        var client = await SignedInAsync("passwordadmin@contoso.com");
        await using (var db = await portal.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
        {
            await db.DirectoryUsers.Where(u => u.UserPrincipalName == "passwordadmin@contoso.com")
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.SignInBlocked, true));
        }

        var response = await client.GetAsync("/users/export.csv?view=all");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Your account is deleted or blocked from signing in; nothing was changed.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_OfAllUsers_ByAnOrdinaryUser_IsSentToAccessDenied()
    {
        var client = await SignedInAsync("user@contoso.com");

        var response = await client.GetAsync("/users/export.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location?.AbsolutePath);
    }
}
