using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Tests;

/// <remarks>Start-up on SQLite (a missing folder, the memory map); these run once, in the SQLite pass.</remarks>
[Trait(TestProvider.Trait, TestProvider.Sqlite)]
public sealed class DatabaseInitializerTests
{
    [Fact]
    public void UnknownProvider_IsRefusedWithAMessageNamingTheKey()
    {
        var error = Assert.Throws<DatabaseConfigurationException>(() =>
            TestDatabase.BuildServices(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }, out _));

        Assert.Equal("Database:Provider 'Oracle' is not supported. Use 'Sqlite', 'SqlServer' or 'PostgreSql'.", error.Message);
    }

    [Fact]
    public async Task UnreachableDatabase_IsReportedWithProviderAndCause()
    {
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => TestDatabase.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Sqlite"] = "Data Source=/no/such/folder/licenseadmin.db",
        }));

        Assert.StartsWith("Cannot open the Sqlite database: ", error.Message);
        Assert.EndsWith("Check ConnectionStrings:Sqlite and that the database is reachable.", error.Message);
    }

    [Theory]
    [InlineData(null, 256L * 1024 * 1024)]
    [InlineData("64", 64L * 1024 * 1024)]
    [InlineData("0", 0L)]
    public async Task EveryConnectionTheAppOpens_MapsTheConfiguredPartOfTheSqliteFile(string? megabytes, long expected)
    {
        await using var database = await TestDatabase.CreateAsync(withDemoData: false,
            settings: new Dictionary<string, string?> { ["Database:SqliteMemoryMapMb"] = megabytes });
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);

        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA mmap_size;";
        var mapped = (long)(await command.ExecuteScalarAsync())!;

        Assert.Equal(expected, mapped);
    }

    [Fact]
    public void BadMemoryMapSize_IsRefusedWithAMessageNamingTheKey()
    {
        var error = Assert.Throws<DatabaseConfigurationException>(() =>
            TestDatabase.BuildServices(new Dictionary<string, string?> { ["Database:SqliteMemoryMapMb"] = "-1" }, out _));

        Assert.Equal("Database:SqliteMemoryMapMb must be a whole number of megabytes, 0 or more (0 turns mapping off); '-1' is not.", error.Message);
    }
}
