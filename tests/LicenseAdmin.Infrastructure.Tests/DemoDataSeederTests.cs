using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Seats;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests;

public sealed class DemoDataSeederTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Contoso_HasAbout200UsersOfEveryKindTheDemoNeeds()
    {
        await using var db = await _database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var users = await db.DirectoryUsers.ToListAsync();

        Assert.InRange(users.Count, 190, 220);
        Assert.Equal(2, users.Count(u => u.Kind == UserKind.SharedMailbox));
        Assert.Equal(1, users.Count(u => u.Kind == UserKind.RoomMailbox));
        Assert.Single(users, u => u.ResourceMailboxNeedsLicense);
        Assert.InRange(users.Count(u => u.UsageLocation is null), 3, 10);
        Assert.True(users.Select(u => u.Department).Distinct().Count() >= 5);
        Assert.True(users.Select(u => u.UsageLocation).Distinct().Count() >= 5);
        foreach (var role in Enum.GetValues<AdminRoles>().Where(r => r != AdminRoles.None))
            Assert.Contains(users, u => u.Roles == role);
    }

    [Fact]
    public async Task Contoso_SeatsMatchTheDemoStory()
    {
        var seats = await _database.Services.GetRequiredService<SeatSummaryService>().GetAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var byPart = seats.ToDictionary(s => s.PartNumber);

        Assert.Equal(4, seats.Count);
        Assert.Equal((25, 20), (byPart["ENTERPRISEPACK"].Total, byPart["ENTERPRISEPACK"].Assigned));
        Assert.Equal((5, 4), (byPart["ENTERPRISEPREMIUM"].Total, byPart["ENTERPRISEPREMIUM"].Assigned));
        Assert.Equal(1, byPart["ENTERPRISEPREMIUM"].Available);
        Assert.Equal(10, byPart["O365_BUSINESS_ESSENTIALS"].Total);
        Assert.Equal(10, byPart["OFFICESUBSCRIPTION"].Total);
        Assert.DoesNotContain(seats, s => s.HasConflict);
    }

    [Fact]
    public async Task SeatCounters_EqualTheRealAssignedCounts()
    {
        await using var db = await _database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var counters = await db.SeatCounters.ToDictionaryAsync(c => c.ProductId, c => c.AssignedSeats);
        var real = await SeatCounterRecalculator.AssignedSeatsAsync(db, DemoDataSeeder.ContosoId, CancellationToken.None);

        Assert.Equal(real.OrderBy(p => p.Key), counters.Where(c => c.Value > 0).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Fabrikam_HasItsOwnUsersAndSubscription()
    {
        var seats = await _database.Services.GetRequiredService<SeatSummaryService>().GetAsync(DemoDataSeeder.FabrikamId, CancellationToken.None);

        var e3 = Assert.Single(seats);
        Assert.Equal((10, 6), (e3.Total, e3.Assigned));
    }

    [Fact]
    public async Task Seeding_ASecondTime_AddsNothing()
    {
        await using var scope = _database.Services.CreateAsyncScope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(CancellationToken.None);

        Assert.False(seeded);
        await using var db = await _database.Contexts.ForSystemAsync(CancellationToken.None);
        Assert.Equal(2, await db.Tenants.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task EveryDemoAccount_HasASignInBoundToItsDirectoryUser()
    {
        await using var db = await _database.Contexts.ForSystemAsync(CancellationToken.None);
        foreach (var account in DemoAccounts.All)
        {
            var signIn = await db.Users.SingleAsync(u => u.UserName == account.Upn);
            var user = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.Id == signIn.DirectoryUserId);
            Assert.Equal(account.Roles, user.Roles);
            Assert.Equal(user.TenantId, signIn.TenantId);
        }
    }
}
