using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Reading;

public sealed class ProductHoldersServiceTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private ProductHoldersService Holders => _database.Services.GetRequiredService<ProductHoldersService>();

    private async Task<List<ProductHolder>> AllPagesAsync(string upn, Guid productId, int pageSize)
    {
        var caller = await _database.CallerAsync(upn);
        var rows = new List<ProductHolder>();
        for (var skip = 0; ; skip += pageSize)
        {
            var page = await Holders.PageAsync(caller, productId, skip, pageSize, None);
            Assert.True(page.Rows.Count <= pageSize);
            rows.AddRange(page.Rows);
            if (skip + pageSize >= page.Total) return rows;
        }
    }

    [Fact]
    public async Task Pages_CoverEveryHolderOnce_InDisplayNameOrder_AndTheTotalIsTheAssignedCount()
    {
        var e3 = await _database.ProductIdAsync(Demo.E3);
        var (_, assigned, _, realAssigned) = await _database.SeatsAsync(Demo.E3);

        var first = await Holders.PageAsync(await _database.CallerAsync(Demo.LicenseAdmin), e3, 0, 7, None);
        var rows = await AllPagesAsync(Demo.LicenseAdmin, e3, pageSize: 7);

        Assert.Equal(7, first.Rows.Count);
        Assert.Equal(realAssigned, first.Total);
        Assert.Equal(assigned, first.Total);
        Assert.Equal(first.Total, rows.Select(r => r.UserId).Distinct().Count());
        Assert.Equal(rows.OrderBy(r => r.DisplayName, StringComparer.Ordinal).Select(r => r.DisplayName), rows.Select(r => r.DisplayName));
        Assert.Contains(rows, r => r.UserPrincipalName == Demo.GlobalAdmin);
    }

    [Fact]
    public async Task ADeletedUser_IsNoLongerAHolder()
    {
        var e3 = await _database.ProductIdAsync(Demo.E3);
        var holder = (await _database.HoldersAsync(Demo.E3))[0];
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var before = (await Holders.PageAsync(caller, e3, 0, 100, None)).Total;

        await _database.Services.GetRequiredService<UserService>().DeleteAsync(caller, UserSelection.Of([holder]), None);

        var after = await Holders.PageAsync(caller, e3, 0, 100, None);
        Assert.Equal(before - 1, after.Total);
        Assert.DoesNotContain(after.Rows, r => r.UserId == holder);
    }

    [Fact]
    public async Task EachTenant_SeesOnlyItsOwnHolders()
    {
        var e3 = await _database.ProductIdAsync(Demo.E3);

        var fabrikam = await AllPagesAsync(Demo.FabrikamAdmin, e3, pageSize: 50);
        var contoso = await AllPagesAsync(Demo.GlobalAdmin, e3, pageSize: 50);

        Assert.NotEmpty(fabrikam);
        Assert.All(fabrikam, r => Assert.EndsWith("@fabrikam.com", r.UserPrincipalName, StringComparison.Ordinal));
        Assert.All(contoso, r => Assert.EndsWith("@contoso.com", r.UserPrincipalName, StringComparison.Ordinal));
        Assert.Equal((await _database.SeatsAsync(Demo.E3, DemoDataSeeder.FabrikamId)).RealAssigned, fabrikam.Count);
    }

    [Fact]
    public async Task TurnedOffPlans_AreCountedPerHolder()
    {
        var e3 = await _database.ProductIdAsync(Demo.E3);
        var holder = (await _database.HoldersAsync(Demo.E3))[0];
        var skype = await new DemoTenant(_database).PlanIdAsync("MCOSTANDARD");
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        await _database.Services.GetRequiredService<Services.Licensing.LicenseService>().ChangePlansAsync(caller, holder, e3, [skype], None);

        var rows = await AllPagesAsync(Demo.GlobalAdmin, e3, pageSize: 100);

        Assert.Equal(1, rows.Single(r => r.UserId == holder).PlansTurnedOff);
    }

    [Fact]
    public async Task AUserWithoutAdminRole_MayNotRead()
    {
        var e3 = await _database.ProductIdAsync(Demo.E3);
        var caller = await _database.CallerAsync(Demo.NoRole);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Holders.PageAsync(caller, e3, 0, 10, None));
    }
}
