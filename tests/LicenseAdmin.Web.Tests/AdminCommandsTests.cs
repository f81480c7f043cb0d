using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Retention;
using LicenseAdmin.Web.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using LicenseAdmin.Web.Tests.Support;

namespace LicenseAdmin.Web.Tests;

public sealed class AdminCommandsTests : IDisposable
{
    // The background purge is off, so only the commands under test purge.
    private readonly PortalFactory _portal = new PortalFactory().With("Retention:Enabled", "false");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.csv");

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await AdminCommands.RunAsync(_portal.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task CatalogImport_OfAGoodFile_ReportsWhatWasAdded()
    {
        await File.WriteAllTextAsync(_file,
            "Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names\n" +
            "Contoso Suite,CONTOSO_SUITE,11111111-2222-3333-4444-555555555555,EXCHANGE_S_ENTERPRISE,efb87545-963c-4e0d-99df-69c6916d9eb0,Exchange Online (Plan 2)\n");

        var (exit, output, _) = await RunAsync("catalog", "import", _file);

        Assert.Equal(0, exit);
        Assert.Contains("(Products): 1 products added, 0 renamed, 0 service plans added, 0 rules added.", output);
    }

    [Fact]
    public async Task CatalogImport_OfAMalformedFile_PrintsTheLineAndExitsWithOne()
    {
        await File.WriteAllTextAsync(_file,
            "Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names\n" +
            "Contoso Suite,CONTOSO_SUITE,zzz,EXCHANGE_S_ENTERPRISE,efb87545-963c-4e0d-99df-69c6916d9eb0,Exchange Online (Plan 2)\n");

        var (exit, _, error) = await RunAsync("catalog", "import", _file);

        Assert.Equal(1, exit);
        Assert.Contains("has 1 problem; nothing was imported.", error);
        Assert.Contains("line 2: 'zzz' in column GUID is not a GUID.", error);
    }

    [Fact]
    public async Task UnknownCommand_IsNamedWithTheUsage()
    {
        var (exit, _, error) = await RunAsync("catalog", "export");

        Assert.Equal(2, exit);
        Assert.Contains("Unknown command 'catalog export'.", error);
        Assert.Contains("catalog import <file.csv>", error);
    }

    [Fact]
    public async Task PurgeRunDryRun_ListsWhatWouldGo_AndPurgeRunPurgesIt()
    {
        var upn = await GiveAMailboxRetainedSinceAsync(DateTime.UtcNow.AddDays(-31));

        var (dryExit, dryOutput, _) = await RunAsync("purge", "run", "--dry-run");
        var (exit, output, _) = await RunAsync("purge", "run");
        var (_, afterwards, _) = await RunAsync("purge", "run", "--dry-run");

        Assert.Equal((0, 0), (dryExit, exit));
        Assert.Contains("Dry run: nothing was purged.", dryOutput);
        Assert.Contains("Would purge: 1 retained mailbox, 0 deleted users.", dryOutput);
        Assert.Contains($"mailbox data   {upn}", dryOutput);
        Assert.StartsWith("Purged: 1 retained mailbox, 0 deleted users (0 licenses, 0 Office installations, 0 provisioning records); 0 SharePoint documents kept. 1 batches", output);
        Assert.Contains("Would purge: 0 retained mailboxes, 0 deleted users.", afterwards);
    }

    [Fact]
    public async Task PurgeRun_WhileAnotherInstanceHoldsTheLease_SaysSoAndExitsWithOne()
    {
        await _portal.Services.GetRequiredService<PurgeLeaseStore>().TryTakeAsync("web-2", CancellationToken.None);

        var (exit, _, error) = await RunAsync("purge", "run");

        Assert.Equal(1, exit);
        Assert.Contains("Another instance is purging (lease held by web-2); nothing was done.", error);
    }

    [Fact]
    public void HostArguments_LeaveTheCommandsOwnFlagsOutOfConfiguration()
    {
        Assert.Equal(["purge", "run", "--Database:Provider", "Sqlite"], AdminCommands.HostArguments(["purge", "run", "--dry-run", "--Database:Provider", "Sqlite"]));
        Assert.Equal(["--urls", "http://localhost:5000"], AdminCommands.HostArguments(["--urls", "http://localhost:5000"]));
    }

    /// <summary>An unlicensed Contoso person whose mailbox has been retained since <paramref name="lostUtc"/>.</summary>
    private async Task<string> GiveAMailboxRetainedSinceAsync(DateTime lostUtc)
    {
        await using var db = await _portal.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var user = await db.DirectoryUsers
            .Where(u => u.DeletedUtc == null && u.Kind == UserKind.User && u.Roles == AdminRoles.None)
            .Where(u => !db.ServiceProvisionings.Any(p => p.UserId == u.Id))
            .OrderBy(u => u.UserPrincipalName).FirstAsync();
        var mailbox = new ServiceProvisioning(Guid.NewGuid(), user.TenantId, user.Id, ServiceFamily.Exchange, lostUtc.AddDays(-100));
        mailbox.Retain(lostUtc);
        db.ServiceProvisionings.Add(mailbox);
        await db.SaveChangesAsync();
        return user.UserPrincipalName;
    }

    public void Dispose()
    {
        _portal.Dispose();
        if (File.Exists(_file)) File.Delete(_file);
    }
}
