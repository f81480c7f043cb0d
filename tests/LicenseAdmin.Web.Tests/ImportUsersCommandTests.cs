using System.Diagnostics;
using LicenseAdmin.Web.CommandLine;
using LicenseAdmin.Web.Tests.Support;

namespace LicenseAdmin.Web.Tests;

public sealed class ImportUsersCommandTests : IDisposable
{
    private readonly PortalFactory _portal = new PortalFactory().With("Retention:Enabled", "false");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.csv");
    private readonly string _passwords = Path.Combine(Path.GetTempPath(), $"passwords-{Guid.NewGuid():N}.csv");

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await AdminCommands.RunAsync(_portal.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private Task WriteAsync(params string[] users) =>
        File.WriteAllTextAsync(_file, "User Name,Display Name,Department,Usage Location\n" + string.Join("\n", users) + "\n");

    [Fact]
    public async Task ADryRun_ReportsTheSeats_AndAnImportWritesThePasswordsFile()
    {
        await WriteAsync("ida@contoso.com,Ida Holm,Sales,DK", "ole@contoso.com,Ole Dam,Sales,DK");

        var (dryExit, dryOutput, _) = await RunAsync("import-users", _file, "--tenant", "contoso.com", "--as", "admin@contoso.com", "--products", "ENTERPRISEPACK", "--dry-run");
        var (exit, output, error) = await RunAsync("import-users", _file, "--tenant", "contoso.com", "--as", "admin@contoso.com",
            "--products", "ENTERPRISEPACK", "--disable-plans", "Microsoft Teams", "--passwords", _passwords);

        Assert.Equal(0, dryExit);
        Assert.Contains("Office 365 E3: 2 licenses needed, 5 available.", dryOutput);
        Assert.Contains("Dry run: 2 users would be added. Nothing was written.", dryOutput);
        Assert.True(exit == 0, error);
        Assert.Contains("Added 2 users (import ", output);
        var lines = await File.ReadAllLinesAsync(_passwords);
        Assert.Equal("User Name,Display Name,Password", lines[0]);
        Assert.StartsWith("ida@contoso.com,Ida Holm,", lines[1]);
        Assert.Equal(20, lines[1].Split(',')[2].Length);
    }

    [Fact]
    public async Task ABadFile_PrintsEveryProblemWithItsLine_AndExitsWithOne()
    {
        await WriteAsync("ida@contoso.com,Ida Holm,Sales,DK", "ida@contoso.com,Ida Again,Sales,DK", "bo@fabrikam.com,Bo,=1+1,DK");

        var (exit, _, error) = await RunAsync("import-users", _file, "--tenant", "contoso.com", "--as", "useradmin@contoso.com");

        Assert.Equal(1, exit);
        Assert.Contains("Line 3, User Name: 'ida@contoso.com' is already on line 2 of this file.", error);
        Assert.Contains("Line 4, Department: '=1+1' starts with =, which a spreadsheet would run as a formula; remove the sign.", error);
        Assert.Contains("Line 4, User Name: 'bo@fabrikam.com' is not in this organisation's domain; user names here end with @contoso.com.", error);
        Assert.Contains("Nothing was imported (3 problems).", error);
    }

    [Fact]
    public async Task ARoleThatMayNotAddUsers_AnUnknownAdmin_AndAnUnknownProduct_AreRefused()
    {
        await WriteAsync("ida@contoso.com,Ida Holm,Sales,DK");

        var (billingExit, _, billing) = await RunAsync("import-users", _file, "--tenant", "contoso.com", "--as", "billing@contoso.com");
        var (nobodyExit, _, nobody) = await RunAsync("import-users", _file, "--tenant", "contoso.com", "--as", "nobody@contoso.com");
        var (productExit, _, product) = await RunAsync("import-users", _file, "--tenant", "contoso.com", "--as", "admin@contoso.com", "--products", "E9");
        var (usageExit, _, usage) = await RunAsync("import-users", _file, "--as", "admin@contoso.com");

        Assert.Equal((1, 1, 1, 2), (billingExit, nobodyExit, productExit, usageExit));
        Assert.Contains("Billing administrator", billing);
        Assert.Contains("There is no active user nobody@contoso.com in an organisation with the domain contoso.com.", nobody);
        Assert.Contains("'E9' is not a product of the catalog; use its part number (e.g. ENTERPRISEPACK) or its name.", product);
        Assert.Contains("import-users needs --tenant.", usage);
    }

    /// <summary>The real process: the command's options stay out of the host's configuration, and the import is written to the database.</summary>
    [Fact]
    public async Task Process_ImportUsers_AddsTheUsers()
    {
        var database = Path.Combine(Path.GetTempPath(), $"licenseadmin-import-{Guid.NewGuid():N}.db");
        await WriteAsync("ida@contoso.com,Ida Holm,Sales,DK");
        try
        {
            string[] demo = ["--Demo:Enabled=true", "--Demo:Password=Process-test-2026-pw", $"--ConnectionStrings:Sqlite=Data Source={database};Pooling=False",
                "--Security:DataProtection:AllowUnprotectedKeys=true"];
            var (exit, output) = await RunPortalAsync(["import-users", _file, "--tenant", "contoso.com", "--as", "useradmin@contoso.com", .. demo]);
            var (again, repeated) = await RunPortalAsync(["import-users", _file, "--tenant", "contoso.com", "--as", "useradmin@contoso.com", "--dry-run", .. demo]);

            Assert.True(exit == 0, output);
            Assert.Contains("Added 1 users (import ", output);
            Assert.Equal(1, again);
            Assert.Contains("Line 2, User Name: 'ida@contoso.com' is already used by another user.", repeated);
        }
        finally
        {
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
                if (File.Exists(file)) File.Delete(file);
        }
    }

    private static async Task<(int Exit, string Output)> RunPortalAsync(string[] args)
    {
        var portal = typeof(Program).Assembly.Location;
        using var process = Process.Start(new ProcessStartInfo("dotnet", [portal, .. args])
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

    public void Dispose()
    {
        _portal.Dispose();
        foreach (var file in new[] { _file, _passwords })
            if (File.Exists(file)) File.Delete(file);
    }
}
