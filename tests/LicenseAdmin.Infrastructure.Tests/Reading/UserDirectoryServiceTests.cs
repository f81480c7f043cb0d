using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Reading;

public sealed class UserDirectoryServiceTests : DemoDatabaseTest
{
    private UserDirectoryService Directory => Database.Services.GetRequiredService<UserDirectoryService>();

    [Fact]
    public async Task UnlicensedView_ListsOnlyUsersWithoutLicenses_WithTheTotal()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");

        var page = await Directory.PageAsync(admin, new UserFilter(UserView.Unlicensed), new UserSort(), 0, 50, CancellationToken.None);

        Assert.Equal(50, page.Rows.Count);
        Assert.All(page.Rows, row => Assert.True(row.IsUnlicensed));
        Assert.Equal(164, page.Total);
        Assert.Equal(page.Rows.Select(r => r.DisplayName).Order(StringComparer.Ordinal), page.Rows.Select(r => r.DisplayName));
    }

    [Fact]
    public async Task Search_MatchesDisplayNameOrUsername_InThisTenantOnly()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");

        var byName = await Directory.PageAsync(admin, new UserFilter(Search: "adele"), new UserSort(), 0, 50, CancellationToken.None);
        var otherTenant = await Directory.PageAsync(admin, new UserFilter(Search: "fabrikam"), new UserSort(), 0, 50, CancellationToken.None);

        Assert.Equal(["admin@contoso.com"], byName.Rows.Select(r => r.UserPrincipalName));
        Assert.Equal(0, otherTenant.Total);
    }

    [Theory]
    [InlineData(0, 0, "A page holds 1 to 500 users; 0 was asked for.")]
    [InlineData(0, 501, "A page holds 1 to 500 users; 501 was asked for.")]
    [InlineData(-1, 50, "A page cannot start at -1.")]
    public async Task BadPaging_IsRefusedNamingTheNumber(int skip, int take, string message)
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");

        var error = await Assert.ThrowsAsync<DomainException>(() => Directory.PageAsync(admin, UserFilter.All, new UserSort(), skip, take, CancellationToken.None));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task SmallBusinessPremiumOnlyTenant_GetsNoUnlicensedView_AndIsToldWhy()
    {
        var admin = await Demo.CallerAsync("admin@fabrikam.com");
        await using (var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.FabrikamId, CancellationToken.None))
        {
            var litePack = await db.Products.Where(p => p.PartNumber == UserDirectoryService.SmallBusinessPremium).Select(p => p.Id).SingleAsync();
            db.Subscriptions.RemoveRange(await db.Subscriptions.ToListAsync());
            db.Subscriptions.Add(new Subscription(Guid.NewGuid(), DemoDataSeeder.FabrikamId, litePack, 10, SubscriptionStatus.Enabled,
                DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddYears(1), false, 10m, "USD"));
            await db.SaveChangesAsync();
        }

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Directory.PageAsync(admin, new UserFilter(UserView.Unlicensed), new UserSort(), 0, 50, CancellationToken.None));

        Assert.Equal("The Unlicensed users view is not available for organisations whose only subscription is Office 365 Small Business Premium.", error.Message);
        Assert.Equal(error.Message, await Directory.UnlicensedViewUnavailableReasonAsync(admin, CancellationToken.None));
        Assert.Null(await Directory.UnlicensedViewUnavailableReasonAsync(await Demo.CallerAsync("admin@contoso.com"), CancellationToken.None));
    }

    [Fact]
    public async Task Export_EscapesCellsThatASpreadsheetWouldRunAsFormulas()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        await using (var db = await Database.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None))
            Assert.Equal(1, await db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.UserPrincipalName == "admin@contoso.com")
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Department, "=HYPERLINK(\"x\")")));
        var csv = new StringWriter();

        await Directory.ExportCsvAsync(admin, new UserFilter(Search: "adele"), csv, CancellationToken.None);

        var lines = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("'=HYPERLINK(", lines[1]);
        Assert.DoesNotContain(",=HYPERLINK(", lines[1]);
    }
}
