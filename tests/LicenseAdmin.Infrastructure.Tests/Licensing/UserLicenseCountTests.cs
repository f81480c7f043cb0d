using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Licensing;

/// <summary>
/// DirectoryUsers.LicenseCount (decision 0006) must equal the user's assignments after every kind of write, and the
/// views built on it must list exactly the users the assignments say.
/// </summary>
public sealed class UserLicenseCountTests : DemoDatabaseTest
{
    private const string Admin = "admin@contoso.com";
    private const string MigrationBeforeTheCount = "20261129234413_LicenseAssignmentsByTenantAndUser";
    private static readonly CancellationToken None = CancellationToken.None;

    private LicenseService Licenses => Database.Services.GetRequiredService<LicenseService>();
    private UserService Users => Database.Services.GetRequiredService<UserService>();
    private UserDirectoryService Directory => Database.Services.GetRequiredService<UserDirectoryService>();

    [Fact]
    public async Task SeededDemoData_EveryUserStoresWhatTheyHold()
    {
        Assert.Empty(await MismatchesAsync());
        await using var db = await Database.Contexts.ForSystemAsync(None);
        var stored = await db.DirectoryUsers.IgnoreQueryFilters().Select(u => EF.Property<int>(u, UserLicenseCount.Column)).ToListAsync();
        Assert.Contains(0, stored);
        Assert.Contains(stored, count => count > 0);
    }

    [Fact]
    public async Task AssignChangePlansRemoveAndClear_CountEachLicense()
    {
        var admin = await Demo.CallerAsync(Admin);
        var user = (await Demo.UnlicensedPeopleAsync(1))[0].Id;

        await Licenses.AssignAsync(admin, user, DemoTenant.E3, null, None);
        Assert.Equal((1, 1), await CountsAsync(user));
        await Licenses.AssignAsync(admin, user, DemoTenant.AppsForEnterprise, null, None);
        Assert.Equal((2, 2), await CountsAsync(user));
        await Licenses.ChangePlansAsync(admin, user, DemoTenant.E3, [await Demo.PlanIdAsync("MCOSTANDARD")], None);
        Assert.Equal((2, 2), await CountsAsync(user));
        await Licenses.RemoveAsync(admin, user, DemoTenant.E3, None);
        Assert.Equal((1, 1), await CountsAsync(user));
        await Licenses.SetLicensesAsync(admin, user, [], None);
        Assert.Equal((0, 0), await CountsAsync(user));
        Assert.Empty(await MismatchesAsync());
    }

    [Fact]
    public async Task BulkAddReplaceRemoveAllAndUndo_KeepEveryUsersCount()
    {
        var admin = await Demo.CallerAsync(Admin);
        var users = (await Demo.UnlicensedPeopleAsync(4)).Select(u => u.Id).ToList();

        await Licenses.ApplyAsync(admin, Bulk(BulkLicenseMode.AddToExisting, users, DemoTenant.E3, DemoTenant.AppsForEnterprise), None);
        Assert.All(await Task.WhenAll(users.Select(CountsAsync)), counts => Assert.Equal((2, 2), counts));
        await Licenses.ApplyAsync(admin, Bulk(BulkLicenseMode.ReplaceExisting, users, DemoTenant.E3), None);
        Assert.All(await Task.WhenAll(users.Select(CountsAsync)), counts => Assert.Equal((1, 1), counts));
        var removal = await Licenses.ApplyAsync(admin, Bulk(BulkLicenseMode.RemoveAll, users), None);
        Assert.All(await Task.WhenAll(users.Select(CountsAsync)), counts => Assert.Equal((0, 0), counts));
        await Licenses.UndoAsync(admin, removal.OperationId!.Value, None);
        Assert.All(await Task.WhenAll(users.Select(CountsAsync)), counts => Assert.Equal((1, 1), counts));
        Assert.Empty(await MismatchesAsync());
    }

    [Fact]
    public async Task CreatedUser_StartsUnlicensed_AndCountsTheLicensesGivenAfter()
    {
        var admin = await Demo.CallerAsync(Admin);

        var user = await Users.CreateAsync(admin, new NewUser("lena.berg@contoso.com", "Lena Berg", UsageLocation: "DK"), None);
        Assert.Equal((0, 0), await CountsAsync(user));
        Assert.Contains(user, await ListedAsync(new UserFilter(UserView.Unlicensed, Search: "Lena Berg")));

        await Licenses.SetLicensesAsync(admin, user, [ProductLicense.AllPlansOn(DemoTenant.E3), ProductLicense.AllPlansOn(DemoTenant.AppsForEnterprise)], None);
        Assert.Equal((2, 2), await CountsAsync(user));
        Assert.Contains(user, await ListedAsync(new UserFilter(UserView.Licensed, Search: "Lena Berg")));
        Assert.Empty(await ListedAsync(new UserFilter(UserView.Unlicensed, Search: "Lena Berg")));
    }

    [Fact]
    public async Task DeleteThenRestore_CountsTheLicensesFreedAndGivenBack()
    {
        var admin = await Demo.CallerAsync(Admin);
        var user = (await Demo.UnlicensedPeopleAsync(1))[0].Id;
        await Licenses.SetLicensesAsync(admin, user, [ProductLicense.AllPlansOn(DemoTenant.E3), ProductLicense.AllPlansOn(DemoTenant.AppsForEnterprise)], None);

        await Users.DeleteAsync(admin, UserSelection.Of([user]), None);
        Assert.Equal((0, 0), await CountsAsync(user));
        await Users.RestoreAsync(admin, [user], None);
        Assert.Equal((2, 2), await CountsAsync(user));
        Assert.Empty(await MismatchesAsync());
    }

    [Fact]
    public async Task WritesOutsideTheServices_SetBasedAndRawSql_AreCountedToo()
    {
        var user = (await Demo.UnlicensedPeopleAsync(1))[0];
        await using var db = await Database.Contexts.ForSystemAsync(None);

        await InsertAssignmentAsync(db, user, DemoTenant.E3);
        Assert.Equal((1, 1), await CountsAsync(user.Id));
        await db.LicenseAssignments.IgnoreQueryFilters().Where(a => a.UserId == user.Id).ExecuteDeleteAsync();
        Assert.Equal((0, 0), await CountsAsync(user.Id));
    }

    /// <summary>
    /// The views read the stored count (Unlicensed, Licensed) or join from the product's assignments (holds product);
    /// they must list the users the old per-user EXISTS did, also when a deleted user still holds licenses (as they
    /// do until the purge when deleted outside the app, or in imported data).
    /// </summary>
    [Theory]
    [InlineData(UserView.Licensed, null, null)]
    [InlineData(UserView.Unlicensed, null, null)]
    [InlineData(UserView.HoldsProduct, "E3", null)]
    [InlineData(UserView.HoldsProduct, "E5", null)]
    [InlineData(UserView.Licensed, null, "an")]
    [InlineData(UserView.HoldsProduct, "E3", "an")]
    public async Task Views_ListTheUsersTheAssignmentsSay(UserView view, string? product, string? search)
    {
        var productId = product switch { "E3" => DemoTenant.E3, "E5" => DemoTenant.E5, _ => (Guid?)null };
        var admin = await Demo.CallerAsync(Admin);
        await Licenses.ApplyAsync(admin, Bulk(BulkLicenseMode.AddToExisting, (await Demo.UnlicensedPeopleAsync(3)).Select(u => u.Id), DemoTenant.E3), None);
        var deletedHolder = (await Database.HoldersAsync(Support.Demo.E3))[0];
        await using (var db = await Database.Contexts.ForSystemAsync(None))
            await db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.Id == deletedHolder).ExecuteUpdateAsync(s => s.SetProperty(u => u.DeletedUtc, DateTime.UtcNow));

        var filter = new UserFilter(view, productId, search);
        var page = await Directory.PageAsync(admin, filter, new UserSort(), 0, UserDirectoryService.MaxPageSize, None);
        var expected = await ExpectedAsync(filter);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.Rows.Select(r => r.Id));
        Assert.Equal(expected.Count, page.Total);
        Assert.DoesNotContain(deletedHolder, page.Rows.Select(r => r.Id));
    }

    [Fact]
    [Trait(TestProvider.Trait, TestProvider.Sqlite)] // PostgreSQL's migrations start with the count; there is no before
    public async Task Migration_CountsTheAssignmentsThatExistedBeforeIt()
    {
        var user = (await Demo.UnlicensedPeopleAsync(1))[0];
        await using (var db = await Database.Contexts.ForSystemAsync(None))
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(MigrationBeforeTheCount);
            // Written without the triggers: only the migration's own count can see this assignment.
            await InsertAssignmentAsync(db, user, DemoTenant.E3);

            await migrator.MigrateAsync();
        }

        Assert.Empty(await MismatchesAsync());
    }

    /// <summary>A plain INSERT, as a script or another tool would write it (ids stored the way EF Core stores them).</summary>
    private static Task InsertAssignmentAsync(AppDbContext db, Domain.Users.DirectoryUser user, Guid productId) =>
        db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "LicenseAssignments" ("Id", "TenantId", "UserId", "ProductId", "AssignedUtc", "DisabledPlanIds") VALUES ({Id(Guid.NewGuid())}, {Id(user.TenantId)}, {Id(user.Id)}, {Id(productId)}, {DateTime.UtcNow}, '')""");

    private static object Id(Guid id) => TestTriggers.IdParameter(id);

    private static BulkLicenseRequest Bulk(BulkLicenseMode mode, IEnumerable<Guid> users, params Guid[] products) =>
        new(mode, UserSelection.Of(users), products.Select(ProductLicense.AllPlansOn).ToList());

    /// <summary>The stored count and the assignments the user really holds.</summary>
    private async Task<(int Stored, int Held)> CountsAsync(Guid userId)
    {
        await using var db = await Database.Contexts.ForSystemAsync(None);
        var stored = await db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.Id == userId).Select(u => EF.Property<int>(u, UserLicenseCount.Column)).SingleAsync();
        var held = await db.LicenseAssignments.IgnoreQueryFilters().CountAsync(a => a.UserId == userId);
        return (stored, held);
    }

    /// <summary>Every user of every tenant (deleted ones too) whose stored count differs from their assignments.</summary>
    private async Task<List<string>> MismatchesAsync()
    {
        await using var db = await Database.Contexts.ForSystemAsync(None);
        return await db.DirectoryUsers.IgnoreQueryFilters()
            .Select(u => new
            {
                u.UserPrincipalName,
                Stored = EF.Property<int>(u, UserLicenseCount.Column),
                Held = db.LicenseAssignments.IgnoreQueryFilters().Count(a => a.UserId == u.Id),
            })
            .Where(u => u.Stored != u.Held)
            .Select(u => $"{u.UserPrincipalName}: stored {u.Stored}, holds {u.Held}")
            .ToListAsync();
    }

    private async Task<List<Guid>> ListedAsync(UserFilter filter)
    {
        var admin = await Demo.CallerAsync(Admin);
        return (await Directory.PageAsync(admin, filter, new UserSort(), 0, UserDirectoryService.MaxPageSize, None)).Rows.Select(r => r.Id).ToList();
    }

    /// <summary>The views as they were defined before the stored count: a probe into each active user's assignments.</summary>
    private async Task<List<Guid>> ExpectedAsync(UserFilter filter)
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, None);
        var users = db.DirectoryUsers.Where(u => u.DeletedUtc == null);
        users = filter.View switch
        {
            UserView.Licensed => users.Where(u => db.LicenseAssignments.Any(a => a.UserId == u.Id)),
            UserView.Unlicensed => users.Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id)),
            UserView.HoldsProduct => users.Where(u => db.LicenseAssignments.Any(a => a.UserId == u.Id && a.ProductId == filter.ProductId)),
            _ => throw new ArgumentOutOfRangeException(nameof(filter)),
        };
        if (filter.Search is { } search)
            users = users.Where(u => u.DisplayName.ToLower().Contains(search) || u.UserPrincipalName.Contains(search));
        return await users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Select(u => u.Id).ToListAsync();
    }
}
