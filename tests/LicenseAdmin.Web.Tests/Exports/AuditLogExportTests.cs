using System.Net;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.Exports;

public sealed class AuditLogExportTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task AddEntryAsync(string target, AuditOutcome outcome)
    {
        await using var db = await portal.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        db.AuditEntries.Add(new AuditEntry(DemoDataSeeder.ContosoId, new DateTime(2026, 11, 2, 8, 30, 0, DateTimeKind.Utc), "admin@contoso.com",
            "Global administrator", AuditAction.UpdateUser, target, outcome));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Admin_DownloadsTheFilteredLogAsCsv()
    {
        await AddEntryAsync("Megan, \"the\" editor", AuditOutcome.Succeeded);
        await AddEntryAsync("someone else", AuditOutcome.Refused);
        var client = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "admin@contoso.com");

        var response = await client.GetAsync("/audit/export.csv?action=Update%20user&outcome=Succeeded&from=2026-11-02T00:00:00Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^audit-log-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition?.FileName);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("When (UTC),Actor,Role,Action,Target,Outcome,Operation,Detail,Before,After\r\n", csv);
        Assert.Contains("2026-11-02T08:30:00.000Z,admin@contoso.com,Global administrator,Update user,\"Megan, \"\"the\"\" editor\",Succeeded", csv);
        Assert.DoesNotContain("someone else", csv);
    }

    [Fact]
    public async Task BadFilter_IsABadRequest_NamingTheParameter()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "licenseadmin@contoso.com");

        var response = await client.GetAsync("/audit/export.csv?from=2026-11-05T00:00:00Z&to=2026-11-01T00:00:00Z");
        var badDate = await client.GetAsync("/audit/export.csv?from=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ToUtc (2026-11-01 00:00:00) is before FromUtc (2026-11-05 00:00:00).", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal("from 'yesterday' is not a date and time (use ISO 8601, e.g. 2026-11-01T00:00:00Z).", await badDate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnAdminBlockedSinceSigningIn_IsForbidden_WithTheServicesReason()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "serviceadmin@contoso.com");
        await using (var db = await portal.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
        {
            await db.DirectoryUsers.Where(u => u.UserPrincipalName == "serviceadmin@contoso.com")
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.SignInBlocked, true));
        }

        var response = await client.GetAsync("/audit/export.csv");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Your account is deleted or blocked from signing in; nothing was changed.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OrdinaryUser_IsRefused()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "user@contoso.com");

        var response = await client.GetAsync("/audit/export.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        var response = await portal.Factory.CreateBrowserLikeClient().GetAsync("/audit/export.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.AbsolutePath);
    }
}
