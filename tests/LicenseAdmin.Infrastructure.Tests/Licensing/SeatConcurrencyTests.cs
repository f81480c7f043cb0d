using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Seats;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Licensing;

/// <summary>Many admins at once on one file-backed database: no seat is ever sold twice.</summary>
public sealed class SeatConcurrencyTests : DemoDatabaseTest
{
    private LicenseService Licenses => Database.Services.GetRequiredService<LicenseService>();

    [Fact]
    public async Task TwentyFourParallelAssigns_ForTheLastFiveSeats_GiveExactlyFiveWinners()
    {
        var admins = new[] { "admin@contoso.com", "useradmin@contoso.com", "licenseadmin@contoso.com" };
        var callers = await Task.WhenAll(admins.Select(Demo.CallerAsync));
        var users = await Demo.UnlicensedPeopleAsync(24);
        Assert.Equal(24, users.Count);

        var attempts = users.Select((user, i) => Task.Run(async () =>
        {
            try
            {
                await Licenses.AssignAsync(callers[i % callers.Length], user.Id, DemoTenant.E3, null, CancellationToken.None);
                return null;
            }
            catch (LicenseChangeRefusedException refused)
            {
                return refused;
            }
        }));
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(5, outcomes.Count(o => o is null));
        Assert.All(outcomes.OfType<LicenseChangeRefusedException>(), refused =>
        {
            Assert.Equal(ViolationCode.CountViolation, Assert.Single(refused.Violations).Code);
            Assert.Equal("Nothing was changed. Office 365 E3: 1 seat needed, 0 available.", refused.Message);
        });
        Assert.Equal((25, 25, 25), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task ParallelBulkApplies_NeverPushAssignedAboveTotal()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var users = await Demo.UnlicensedPeopleAsync(18);
        var requests = users.Chunk(3).Select(group => new BulkLicenseRequest(BulkLicenseMode.AddToExisting,
            UserSelection.Of(group.Select(u => u.Id)), [ProductLicense.AllPlansOn(DemoTenant.E3)]));

        var outcomes = await Task.WhenAll(requests.Select(request => Task.Run(async () =>
        {
            try
            {
                return (await Licenses.ApplyAsync(admin, request, CancellationToken.None)).UsersChanged;
            }
            catch (LicenseChangeRefusedException)
            {
                return 0;
            }
        })));

        // 5 seats were free: one group of 3 fits, no second group does.
        Assert.Equal(3, outcomes.Sum());
        Assert.Equal((25, 23, 23), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task SeatCounter_RefusesATakeBeyondTotal_EvenWhenAPlanWasMadeOnStaleCounts()
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var catalog = await LicensingCatalogLoader.LoadAsync(db, CancellationToken.None);

        var error = await Assert.ThrowsAsync<LicenseChangeRefusedException>(() =>
            SeatCounterStore.MoveAsync(db, catalog, DemoTenant.E3, 6, CancellationToken.None));

        Assert.Equal("Nothing was changed. Office 365 E3: 6 seats needed, 5 available.", error.Message);
        Assert.Equal((25, 20, 20), await Demo.SeatsAsync(DemoTenant.E3));
    }
}
