using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Groups;

/// <summary>
/// "Fair between tenants": a tenant with a large group queued first must not make a small tenant wait until all of it
/// is done; each round of the processor takes one batch per tenant with work.
/// </summary>
public sealed class GroupProcessorFairnessTests : DemoDatabaseTest
{
    private GroupScenario Scenario => new(Database, Demo);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ASmallTenantQueuedAfterALargeOne_IsProcessedInTheFirstRound_NotAfterTheLargeOneIsDone()
    {
        var contoso = await Scenario.AdminAsync();
        var contosoPeople = (await Demo.UnlicensedPeopleAsync(6)).Select(u => u.Id).ToList();
        var large = await Scenario.Groups.CreateAsync(contoso, "Everyone", null, None);
        await Scenario.Groups.AddMembersAsync(contoso, large, contosoPeople, None);
        await Scenario.Groups.SetLicensesAsync(contoso, large, [ProductLicense.AllPlansOn(DemoTenant.E3)], None);
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        var fabrikam = await Database.CallerAsync(Support.Demo.FabrikamAdmin);
        var fabrikamPerson = await UnlicensedFabrikamPersonAsync();
        var small = await Scenario.Groups.CreateAsync(fabrikam, "Newcomers", null, None);
        await Scenario.Groups.AddMembersAsync(fabrikam, small, [fabrikamPerson], None);
        await Scenario.Groups.SetLicensesAsync(fabrikam, small, [ProductLicense.AllPlansOn(DemoTenant.E3)], None);

        // A processor taking two users per batch: Contoso needs three batches, Fabrikam one.
        await using var host = Database.AnotherInstance(out _, new Dictionary<string, string?> { ["GroupLicensing:BatchSize"] = "2" });
        var processor = host.GetRequiredService<GroupLicenseProcessor>();
        var batchSizes = new List<int>();
        processor.BeforeCommit = users => { batchSizes.Add(users); return Task.CompletedTask; };

        var run = await processor.RunOnceAsync(None);

        // Oldest work first would give [2, 2, 2, 1]; one batch per tenant per round puts Fabrikam's second.
        Assert.Equal([2, 1, 2, 2], batchSizes);
        Assert.Equal(7, run.Users);
        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(fabrikamPerson));
        Assert.Single(await Database.AuditAsync(AuditAction.FinishGroupLicensing, DemoDataSeeder.FabrikamId));
    }

    private async Task<Guid> UnlicensedFabrikamPersonAsync()
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.FabrikamId, None);
        return await db.DirectoryUsers
            .Where(u => u.DeletedUtc == null && u.Kind == UserKind.User && u.Roles == AdminRoles.None && u.UsageLocation != null)
            .Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id))
            .OrderBy(u => u.UserPrincipalName).Select(u => u.Id).FirstAsync();
    }
}
