using System.Diagnostics;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests;

/// <summary>Configuration and database problems stop start-up with one line naming the problem.</summary>
/// <remarks>These start the portal on SQLite or on no database at all; they run once, in the SQLite pass.</remarks>
[Trait(TestProvider.Trait, TestProvider.Sqlite)]
public sealed class StartupTests
{
    [Fact]
    public void UnknownDatabaseProvider_StopsStartupNamingTheKey()
    {
        var error = Assert.Throws<DatabaseConfigurationException>(() => Build(["--Database:Provider=MongoDb"]));

        Assert.Equal("Database:Provider 'MongoDb' is not supported. Use 'Sqlite', 'SqlServer' or 'PostgreSql'.", error.Message);
    }

    [Fact]
    public async Task SqlServerWithoutConnectionString_StopsStartupNamingTheKey()
    {
        await using var app = Build(["--Database:Provider=SqlServer", "--ConnectionStrings:SqlServer=", "--urls=http://127.0.0.1:0"]);

        var error = await Assert.ThrowsAsync<DatabaseConfigurationException>(() => app.StartAsync());

        Assert.Equal("Database:Provider is SqlServer but ConnectionStrings:SqlServer is empty. Set it (environment ConnectionStrings__SqlServer).", error.Message);
    }

    [Fact]
    public async Task PostgreSqlWithoutConnectionString_StopsStartupNamingTheKey()
    {
        await using var app = Build(["--Database:Provider=PostgreSql", "--ConnectionStrings:PostgreSql=", "--urls=http://127.0.0.1:0"]);

        var error = await Assert.ThrowsAsync<DatabaseConfigurationException>(() => app.StartAsync());

        Assert.Equal("Database:Provider is PostgreSql but ConnectionStrings:PostgreSql is empty. Set it (environment ConnectionStrings__PostgreSql).", error.Message);
    }

    [Fact]
    public async Task UnreachablePostgreSql_StopsStartupNamingProviderAndCause()
    {
        // Port 1 on the loopback address refuses connections at once.
        await using var app = Build(["--Database:Provider=PostgreSql", "--Database:MigrateOnStartup=true",
            "--ConnectionStrings:PostgreSql=Host=127.0.0.1;Port=1;Username=postgres;Database=licenseadmin;Timeout=3", "--urls=http://127.0.0.1:0"]);

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => app.StartAsync());

        Assert.StartsWith("Cannot open the PostgreSql database: ", error.Message);
        Assert.EndsWith("Check ConnectionStrings:PostgreSql and that the database is reachable.", error.Message);
    }

    [Fact]
    public async Task UnreachableDatabase_StopsStartupNamingProviderAndCause()
    {
        await using var app = Build(["--ConnectionStrings:Sqlite=Data Source=/no/such/folder/x.db", "--urls=http://127.0.0.1:0"]);

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => app.StartAsync());

        Assert.StartsWith("Cannot open the Sqlite database: SQLite Error 14: 'unable to open database file'.", error.Message);
        Assert.EndsWith("Check ConnectionStrings:Sqlite and that the database is reachable.", error.Message);
    }

    [Theory]
    [InlineData("--Retention:Interval=00:00:00", "Retention:Interval must be a positive time span such as 01:00:00; it is '00:00:00'.")]
    [InlineData("--Retention:BatchSize=0", "Retention:BatchSize must be a positive whole number such as 2000; it is '0'.")]
    public void BadRetentionValue_StopsStartupNamingTheKey(string setting, string message)
    {
        var error = Assert.Throws<Infrastructure.ConfigurationValueException>(() => Build([setting]));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void DemoWithThePublishedPassword_OutsideDevelopment_StopsStartupSayingWhatToSet()
    {
        var error = Assert.Throws<Infrastructure.ConfigurationValueException>(() =>
            Build(["--environment=Production", "--Demo:Enabled=true"]));

        Assert.Equal("Demo:Enabled is true with the published demo password in the Production environment. " +
            "Set Demo:Password (environment Demo__Password) to a password of your own, or set Demo:Enabled to false.", error.Message);
    }

    [Theory]
    [InlineData("Production", "--Demo:Password=Own-demo-passphrase-2026")]
    [InlineData("Development", "--Demo:Password=Contoso-demo-2026")]
    public async Task DemoWithItsOwnPassword_OrInDevelopment_Starts(string environment, string password)
    {
        await using var app = Build([$"--environment={environment}", "--Demo:Enabled=true", password, "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Sqlite=Data Source={Path.Combine(Path.GetTempPath(), $"licenseadmin-demo-{Guid.NewGuid():N}.db")};Pooling=False"]);

        Assert.Equal(environment, app.Environment.EnvironmentName);
    }

    [Fact]
    public void DemoData_IsOffUnlessConfigured_OutsideDevelopment()
    {
        var app = Build(["--environment=Production"]);

        Assert.False(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Infrastructure.Persistence.Seeding.DemoOptions>>().Value.Enabled);
    }

    [Fact]
    public async Task Process_WithUnknownProvider_PrintsTheReasonAndExitsWithOne()
    {
        var (exit, output) = await RunPortalAsync("--Database:Provider=MongoDb");

        Assert.Equal(1, exit);
        Assert.Contains("LicenseAdmin could not start: Database:Provider 'MongoDb' is not supported. Use 'Sqlite', 'SqlServer' or 'PostgreSql'.", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Process_WithNegativeRetentionInterval_PrintsTheKeyAndExitsWithOne()
    {
        var (exit, output) = await RunPortalAsync("--Retention:Interval=-01:00:00");

        Assert.Equal(1, exit);
        Assert.Contains("LicenseAdmin could not start: Retention:Interval must be a positive time span such as 01:00:00; it is '-01:00:00'.", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Process_PurgeRunDryRun_KeepsTheFlagOutOfTheConfiguration()
    {
        var database = Path.Combine(Path.GetTempPath(), $"licenseadmin-cli-{Guid.NewGuid():N}.db");
        try
        {
            // Were --dry-run read as a configuration key, it would swallow the connection string after it.
            var (exit, output) = await RunPortalAsync("purge", "run", "--dry-run", $"--ConnectionStrings:Sqlite=Data Source={database};Pooling=False");

            Assert.Equal(0, exit);
            Assert.Contains("Dry run: nothing was purged.", output);
            Assert.True(File.Exists(database));
        }
        finally
        {
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
                if (File.Exists(file)) File.Delete(file);
        }
    }

    /// <summary>
    /// These tests start outside Development without a key certificate; the opt-out lets them reach what they test
    /// (KeyEncryptionTests covers the certificate and its absence).
    /// </summary>
    private static Microsoft.AspNetCore.Builder.WebApplication Build(string[] args) => PortalHost.Build([.. args, UnprotectedKeysAccepted]);

    private const string UnprotectedKeysAccepted = "--Security:DataProtection:AllowUnprotectedKeys=true";

    private static async Task<(int Exit, string Output)> RunPortalAsync(params string[] args)
    {
        var portal = typeof(Program).Assembly.Location;
        using var process = Process.Start(new ProcessStartInfo("dotnet", [portal, .. args, UnprotectedKeysAccepted])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(portal),
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
