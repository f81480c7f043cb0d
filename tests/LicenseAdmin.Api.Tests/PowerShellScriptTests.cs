using System.Diagnostics;
using System.Text.Json;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Domain.Licensing;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Api.Tests;

/// <summary>
/// docs/api.md's PowerShell set-up, run as it is written: PowerShell 7 (the repository's local dotnet tool, restored by
/// <c>dotnet tool restore</c>) runs docs/examples/graph-from-powershell.ps1 with Invoke-RestMethod against the portal on
/// Kestrel.
/// </summary>
public sealed class PowerShellScriptTests(GraphSdkHost host) : IClassFixture<GraphSdkHost>
{
    private static readonly Guid E3 = Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900");
    private static readonly Guid Sway = Guid.Parse("a23b959c-7ce8-4e57-9140-b90eb88a9e97");

    [Fact]
    public async Task TheDocumentedScript_ListsUnlicensedUsers_AssignsWithADisabledPlan_ReadsLicenseDetails_AndShowsGraphsRefusal()
    {
        var (clientId, secret) = await host.RegisterAppAsync(
            ApiPermissions.UserReadAll | ApiPermissions.OrganizationReadAll | ApiPermissions.LicenseAssignmentReadWriteAll, "PowerShell script");
        long unlicensedBefore;
        await using (var db = await host.ContosoAsync())
            unlicensedBefore = await db.DirectoryUsers.LongCountAsync(u => u.DeletedUtc == null && !db.LicenseAssignments.Any(a => a.UserId == u.Id));

        var (exitCode, output, errors) = await RunScriptAsync("-Base", host.BaseUrl, "-Tenant", "contoso.com", "-ClientId", clientId, "-Secret", secret);

        Assert.True(exitCode == 0, $"pwsh exited with {exitCode}: {errors}\n{output}");
        using var seen = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var result = seen.RootElement;
        Assert.Equal(unlicensedBefore, result.GetProperty("unlicensedCount").GetInt64());
        Assert.Equal(Math.Min(unlicensedBefore, 100), result.GetProperty("listed").GetInt64());
        Assert.Equal([E3.ToString()], result.GetProperty("assignedSkus").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("Disabled", result.GetProperty("disabledPlanStatus").GetString());
        Assert.Equal("Request_BadRequest", result.GetProperty("refusalCode").GetString());
        Assert.Equal("Nothing was changed. Office 365 E3 has no service plan 00000000-0000-0000-0000-000000000001, so it cannot be turned off.",
            result.GetProperty("refusalMessage").GetString());
        Assert.Contains("Refused (400 Request_BadRequest): Nothing was changed. Office 365 E3 has no service plan", output);

        var userId = Guid.Parse(result.GetProperty("userId").GetString()!);
        await using var check = await host.ContosoAsync();
        var license = await check.LicenseAssignments.AsNoTracking().SingleAsync(a => a.UserId == userId);
        Assert.Equal(E3, license.ProductId);
        Assert.Equal([Sway], license.DisabledPlanIds);
    }

    [Fact]
    public void TheApiPage_ShowsTheScript_AsItIsInTheFile()
    {
        var root = RepositoryRoot();
        var script = File.ReadAllText(Path.Combine(root, "docs", "examples", "graph-from-powershell.ps1"));
        var page = File.ReadAllText(Path.Combine(root, "docs", "api.md"));

        Assert.Contains("](examples/graph-from-powershell.ps1)", page);
        Assert.Contains("```powershell\n" + script + "```", page);
    }

    /// <summary>Runs the documented script with the repository's PowerShell tool; its stdout, stderr and exit code.</summary>
    private static async Task<(int ExitCode, string Output, string Errors)> RunScriptAsync(params string[] arguments)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-File",
                     Path.Combine(root, "docs", "examples", "graph-from-powershell.ps1") }.Concat(arguments))
            start.ArgumentList.Add(argument);
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LicenseAdmin.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The tests run inside the repository, beside LicenseAdmin.sln.");
    }
}
