using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Tests.Support;
using LicenseAdmin.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LicenseAdmin.Infrastructure.Tests.Persistence;

/// <summary>Taking AddUserContactDetails back out rebuilds DirectoryUsers on SQLite; the license-count triggers must survive it (decision 0006).</summary>
[Trait(TestProvider.Trait, TestProvider.Sqlite)]
public sealed class ContactDetailsMigrationTests
{
    [Fact]
    public async Task RevertingTheContactColumns_KeepsTheLicenseCountTriggers_AndReapplyingAddsTheColumnsBack()
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false);
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetAppliedMigrations().ToList();
        var previous = migrations[migrations.FindIndex(m => m.EndsWith("_AddUserContactDetails")) - 1];

        await migrator.MigrateAsync(previous);
        Assert.DoesNotContain("City", await ColumnsAsync(db));
        Assert.Equal(UserLicenseCount.Triggers.Order(), await TriggersAsync(db));

        await migrator.MigrateAsync();
        Assert.Contains("City", await ColumnsAsync(db));
        Assert.Equal(UserLicenseCount.Triggers.Order(), await TriggersAsync(db));
    }

    private static Task<List<string>> TriggersAsync(AppDbContext db) =>
        db.Database.SqlQueryRaw<string>("""SELECT name AS "Value" FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'TR_LicenseAssignments_%' ORDER BY name""").ToListAsync();

    private static Task<List<string>> ColumnsAsync(AppDbContext db) =>
        db.Database.SqlQueryRaw<string>("""SELECT name AS "Value" FROM pragma_table_info('DirectoryUsers')""").ToListAsync();
}
