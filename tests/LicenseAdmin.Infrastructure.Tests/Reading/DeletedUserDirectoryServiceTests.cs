using LicenseAdmin.Domain;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Reading;

public sealed class DeletedUserDirectoryServiceTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private DeletedUserDirectoryService Deleted => _database.Services.GetRequiredService<DeletedUserDirectoryService>();
    private UserService Users => _database.Services.GetRequiredService<UserService>();

    private async Task<List<Guid>> DeleteE3HoldersAsync(int count)
    {
        var holders = (await _database.HoldersAsync(Demo.E3)).Take(count).ToList();
        await Users.DeleteAsync(await _database.CallerAsync(Demo.GlobalAdmin), UserSelection.Of(holders), None);
        return holders;
    }

    [Fact]
    public async Task DeletedUsers_AreListed_WithTheLicensesTheyHad_AndThirtyDaysLeft()
    {
        var deleted = await DeleteE3HoldersAsync(2);

        var page = await Deleted.PageAsync(await _database.CallerAsync(Demo.GlobalAdmin), null, 0, 50, None);

        foreach (var id in deleted)
        {
            var row = Assert.Single(page.Rows, r => r.Id == id);
            Assert.Equal(["Office 365 E3"], row.Licenses);
            Assert.Equal(30, row.DaysLeft);
            Assert.True(row.CanBeRestored);
        }
    }

    [Fact]
    public async Task DaysLeft_CountDownWithTheClock_AndReachZeroAfterThirtyDays()
    {
        var deleted = (await DeleteE3HoldersAsync(1))[0];
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);

        _database.Clock.Advance(TimeSpan.FromDays(10) + TimeSpan.FromHours(1));
        Assert.Equal(20, (await Deleted.PageAsync(caller, null, 0, 50, None)).Rows.Single(r => r.Id == deleted).DaysLeft);

        _database.Clock.Advance(TimeSpan.FromDays(20));
        var expired = (await Deleted.PageAsync(caller, null, 0, 50, None)).Rows.Single(r => r.Id == deleted);
        Assert.Equal(0, expired.DaysLeft);
        Assert.False(expired.CanBeRestored);
    }

    [Fact]
    public async Task TheSeededDeletedUser_DeletedFiveDaysAgo_HasTwentyFiveDaysLeft_AndNoRecordedLicenses()
    {
        var page = await Deleted.PageAsync(await _database.CallerAsync(Demo.GlobalAdmin), null, 0, 50, None);

        var seeded = Assert.Single(page.Rows);
        Assert.Equal(25, seeded.DaysLeft);
        Assert.Empty(seeded.Licenses);
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 30)]
    [InlineData(24 * 29, 1)]
    [InlineData(24 * 30 - 1, 1)]
    [InlineData(24 * 30, 0)]
    [InlineData(24 * 45, 0)]
    public void DaysLeft_CountsAStartedDayAsADay(int hoursSinceDeletion, int daysLeft)
    {
        var deleted = TestDatabase.Start.UtcDateTime;
        Assert.Equal(daysLeft, DeletedUserDirectoryService.DaysLeft(deleted, deleted.AddHours(hoursSinceDeletion)));
    }

    [Fact]
    public async Task Pages_AreCutOnTheServer_NewestDeletionFirst_AndCoverEveryDeletedUserOnce()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var holders = await _database.HoldersAsync(Demo.E3);
        foreach (var id in holders.Take(5))
        {
            _database.Clock.Advance(TimeSpan.FromMinutes(1));
            await Users.DeleteAsync(caller, UserSelection.Of([id]), None);
        }

        var pages = new List<DeletedUserPage>();
        for (var skip = 0; skip < 6; skip += 2) pages.Add(await Deleted.PageAsync(caller, null, skip, 2, None));

        Assert.All(pages, p => Assert.Equal(6, p.Total));
        Assert.All(pages, p => Assert.Equal(2, p.Rows.Count));
        var rows = pages.SelectMany(p => p.Rows).ToList();
        Assert.Equal(6, rows.Select(r => r.Id).Distinct().Count());
        Assert.Equal(holders.Take(5).Reverse(), rows.Take(5).Select(r => r.Id));
        Assert.Equal(rows.OrderByDescending(r => r.DeletedUtc).Select(r => r.Id), rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Search_NarrowsToMatchingNamesAndUsernames()
    {
        var deleted = (await DeleteE3HoldersAsync(2))[1];
        var user = await _database.UserByIdAsync(deleted);

        var page = await Deleted.PageAsync(await _database.CallerAsync(Demo.GlobalAdmin), user.UserPrincipalName.ToUpperInvariant(), 0, 50, None);

        Assert.Equal(1, page.Total);
        Assert.Equal(deleted, Assert.Single(page.Rows).Id);
    }

    [Fact]
    public async Task ARestoredUser_LeavesTheList()
    {
        var deleted = (await DeleteE3HoldersAsync(1))[0];
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);

        await Users.RestoreAsync(caller, [deleted], None);

        Assert.DoesNotContain((await Deleted.PageAsync(caller, null, 0, 50, None)).Rows, r => r.Id == deleted);
    }

    [Fact]
    public async Task AnotherTenantsAdmin_SeesNoneOfContososDeletedUsers()
    {
        var contosoDeleted = await DeleteE3HoldersAsync(2);

        var page = await Deleted.PageAsync(await _database.CallerAsync(Demo.FabrikamAdmin), null, 0, 50, None);

        Assert.DoesNotContain(page.Rows, r => contosoDeleted.Contains(r.Id) || r.UserPrincipalName.EndsWith("@contoso.com", StringComparison.Ordinal));
        Assert.Equal(page.Rows.Count, page.Total);
    }

    [Fact]
    public async Task AUserWithoutAdminRole_MayNotRead()
    {
        var caller = await _database.CallerAsync(Demo.NoRole);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Deleted.PageAsync(caller, null, 0, 50, None));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 501)]
    [InlineData(-1, 10)]
    public async Task APageOutsideTheBounds_IsRefused(int skip, int take)
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);

        await Assert.ThrowsAsync<DomainException>(() => Deleted.PageAsync(caller, null, skip, take, None));
    }
}
