using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Tests.Support;

namespace LicenseAdmin.Infrastructure.Tests;

public sealed class DatabaseInitializerTests
{
    [Fact]
    public void UnknownProvider_IsRefusedWithAMessageNamingTheKey()
    {
        var error = Assert.Throws<DatabaseConfigurationException>(() =>
            TestDatabase.BuildServices(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }, out _));

        Assert.Equal("Database:Provider 'Oracle' is not supported. Use 'Sqlite' or 'SqlServer'.", error.Message);
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
}
