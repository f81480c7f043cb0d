using System.Diagnostics;
using LicenseAdmin.Infrastructure.Persistence;

namespace LicenseAdmin.Web.Tests;

/// <summary>Configuration and database problems stop start-up with one line naming the problem.</summary>
public sealed class StartupTests
{
    [Fact]
    public void UnknownDatabaseProvider_StopsStartupNamingTheKey()
    {
        var error = Assert.Throws<DatabaseConfigurationException>(() => PortalHost.Build(["--Database:Provider=MongoDb"]));

        Assert.Equal("Database:Provider 'MongoDb' is not supported. Use 'Sqlite' or 'SqlServer'.", error.Message);
    }

    [Fact]
    public async Task SqlServerWithoutConnectionString_StopsStartupNamingTheKey()
    {
        await using var app = PortalHost.Build(["--Database:Provider=SqlServer", "--ConnectionStrings:SqlServer=", "--urls=http://127.0.0.1:0"]);

        var error = await Assert.ThrowsAsync<DatabaseConfigurationException>(() => app.StartAsync());

        Assert.Equal("Database:Provider is SqlServer but ConnectionStrings:SqlServer is empty. Set it (environment ConnectionStrings__SqlServer).", error.Message);
    }

    [Fact]
    public async Task UnreachableDatabase_StopsStartupNamingProviderAndCause()
    {
        await using var app = PortalHost.Build(["--ConnectionStrings:Sqlite=Data Source=/no/such/folder/x.db", "--urls=http://127.0.0.1:0"]);

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => app.StartAsync());

        Assert.StartsWith("Cannot open the Sqlite database: SQLite Error 14: 'unable to open database file'.", error.Message);
        Assert.EndsWith("Check ConnectionStrings:Sqlite and that the database is reachable.", error.Message);
    }

    [Fact]
    public async Task Process_WithUnknownProvider_PrintsTheReasonAndExitsWithOne()
    {
        var portal = typeof(Program).Assembly.Location;
        using var process = Process.Start(new ProcessStartInfo("dotnet", [portal, "--Database:Provider=MongoDb"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(portal),
        })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("LicenseAdmin could not start: Database:Provider 'MongoDb' is not supported. Use 'Sqlite' or 'SqlServer'.", output);
        Assert.DoesNotContain("   at ", output);
    }
}
