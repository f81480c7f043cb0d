using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Licensing;

/// <summary>What the set-based write path of a license change could get wrong: rows, provisioning, audit, all or nothing.</summary>
public sealed class LicensePlanWriterTests : DemoDatabaseTest
{
    private LicenseService Licenses => Database.Services.GetRequiredService<LicenseService>();

    private static BulkLicenseRequest Request(BulkLicenseMode mode, IEnumerable<Guid> users, params ProductLicense[] products) =>
        new(mode, UserSelection.Of(users), products);

    [Fact]
    public async Task BulkChange_OfMoreUsersThanOneChunk_WritesEveryRow_AndUndoGivesEveryoneTheirLicensesBack()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var users = await AddPeopleAsync(IdChunks.Size + 150);
        await BuySeatsAsync(admin, DemoTenant.E3, users.Count);

        var added = await Licenses.ApplyAsync(admin, Request(BulkLicenseMode.AddToExisting, users, ProductLicense.AllPlansOn(DemoTenant.E3)), CancellationToken.None);
        var removed = await Licenses.ApplyAsync(admin, Request(BulkLicenseMode.RemoveAll, users), CancellationToken.None);

        Assert.Equal((users.Count, users.Count), (added.UsersChanged, removed.UsersChanged));
        Assert.Equal(users.Count, await SucceededEntriesAsync(added.OperationId!.Value));
        Assert.Equal(users.Count, await SucceededEntriesAsync(removed.OperationId!.Value));
        Assert.Equal(0, await HoldersAsync(users, DemoTenant.E3));
        Assert.Equal(users.Count, await MailboxesAsync(users, ProvisioningState.Retained));
        var (total, counter, real) = await Demo.SeatsAsync(DemoTenant.E3);
        Assert.Equal((counter, real), (20, 20));

        var undo = await Licenses.UndoAsync(admin, removed.OperationId!.Value, CancellationToken.None);

        Assert.Equal(users.Count, undo.UsersChanged);
        Assert.Equal(users.Count, await HoldersAsync(users, DemoTenant.E3));
        Assert.Equal(users.Count, await MailboxesAsync(users, ProvisioningState.Provisioned));
        Assert.Equal((total, 20 + users.Count, 20 + users.Count), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task BulkAdd_ReconnectsARetainedMailbox_AndGivesANewcomerNewRecords_InOneChange()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var people = await Demo.UnlicensedPeopleAsync(2);
        var (returning, newcomer) = (people[0].Id, people[1].Id);
        await Licenses.AssignAsync(admin, returning, DemoTenant.E3, null, CancellationToken.None);
        await Licenses.RemoveAsync(admin, returning, DemoTenant.E3, CancellationToken.None);
        var mailbox = (await Demo.ProvisioningAsync(returning, ServiceFamily.Exchange))!;
        var sharePoint = (await Demo.ProvisioningAsync(returning, ServiceFamily.SharePoint))!;
        Assert.Equal((ProvisioningState.Retained, ProvisioningState.Removed), (mailbox.State, sharePoint.State));
        Database.Clock.Advance(TimeSpan.FromDays(3));
        var now = Database.Clock.GetUtcNow().UtcDateTime;

        await Licenses.ApplyAsync(admin, Request(BulkLicenseMode.AddToExisting, [returning, newcomer], ProductLicense.AllPlansOn(DemoTenant.E3)),
            CancellationToken.None);

        var reconnected = (await Demo.ProvisioningAsync(returning, ServiceFamily.Exchange))!;
        Assert.Equal((mailbox.Id, ProvisioningState.Provisioned, (DateTime?)null, now),
            (reconnected.Id, reconnected.State, reconnected.RetainedUntilUtc, reconnected.ChangedUtc));
        var sharePointAgain = (await Demo.ProvisioningAsync(returning, ServiceFamily.SharePoint))!;
        Assert.Equal((sharePoint.Id, ProvisioningState.Provisioned), (sharePointAgain.Id, sharePointAgain.State));
        var newMailbox = (await Demo.ProvisioningAsync(newcomer, ServiceFamily.Exchange))!;
        Assert.Equal((ProvisioningState.Provisioned, now), (newMailbox.State, newMailbox.ChangedUtc));
        Assert.Equal(await FamiliesAsync(returning), await FamiliesAsync(newcomer));
    }

    [Fact]
    public async Task BulkReplace_WritesOneAuditEntryPerUser_WithTheLicensesBeforeAndAfter()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var people = await Demo.UnlicensedPeopleAsync(2);
        var skype = await Demo.PlanIdAsync("MCOSTANDARD");
        await Licenses.AssignAsync(admin, people[0].Id, DemoTenant.E3, [skype], CancellationToken.None);
        await Licenses.AssignAsync(admin, people[0].Id, DemoTenant.AppsForEnterprise, null, CancellationToken.None);
        Database.Clock.Advance(TimeSpan.FromHours(1));

        var result = await Licenses.ApplyAsync(admin,
            Request(BulkLicenseMode.ReplaceExisting, people.Select(p => p.Id), ProductLicense.AllPlansOn(DemoTenant.BusinessBasic)), CancellationToken.None);

        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.OperationId == result.OperationId).ToListAsync();
        Assert.Equal(people.Select(p => (p.UserPrincipalName, (Guid?)p.Id)).Order(), entries.Select(e => (e.Target, e.TargetId)).Order());
        Assert.All(entries, e =>
        {
            Assert.Equal((AuditAction.ChangeUserLicense, AuditOutcome.Succeeded, "admin@contoso.com", Database.Clock.GetUtcNow().UtcDateTime),
                (e.Action, e.Outcome, e.ActorUpn, e.OccurredUtc));
            Assert.Equal([("Microsoft 365 Business Basic", "")], Named(e.After));
        });
        var first = entries.Single(e => e.TargetId == people[0].Id);
        Assert.Equal([("Microsoft 365 Apps for enterprise", ""), ("Office 365 E3", skype.ToString())], Named(first.Before));
        Assert.Empty(Named(entries.Single(e => e.TargetId == people[1].Id).Before));

        static List<(string Product, string Disabled)> Named(string? json) =>
            (AuditTrail.FromJson<List<AuditedLicense>>(json) ?? []).Select(l => (l.Product, string.Join(',', l.DisabledPlanIds))).Order().ToList();
    }

    [Fact]
    public async Task BulkAdd_ChangesTheHoldersPlans_AndUndoGivesEachTheirOwnPlansBack()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var people = (await Demo.UnlicensedPeopleAsync(3)).Select(p => p.Id).ToList();
        var skype = await Demo.PlanIdAsync("MCOSTANDARD");
        var officeApps = await Demo.PlanIdAsync("OFFICESUBSCRIPTION");
        var teams = await Demo.PlanIdAsync("TEAMS1");
        await Licenses.AssignAsync(admin, people[0], DemoTenant.E3, [skype], CancellationToken.None);
        await Licenses.AssignAsync(admin, people[1], DemoTenant.E3, [officeApps, skype], CancellationToken.None);
        await Licenses.AssignAsync(admin, people[2], DemoTenant.E3, null, CancellationToken.None);

        var result = await Licenses.ApplyAsync(admin, Request(BulkLicenseMode.AddToExisting, people, new ProductLicense(DemoTenant.E3, [teams])),
            CancellationToken.None);

        Assert.Equal(3, result.UsersChanged);
        foreach (var user in people) Assert.Equal([teams], await Demo.DisabledPlansAsync(user, DemoTenant.E3));
        Assert.Equal((25, 23, 23), await Demo.SeatsAsync(DemoTenant.E3));

        await Licenses.UndoAsync(admin, result.OperationId!.Value, CancellationToken.None);

        Assert.Equal([skype], await Demo.DisabledPlansAsync(people[0], DemoTenant.E3));
        Assert.Equal(new[] { officeApps, skype }.Order(), await Demo.DisabledPlansAsync(people[1], DemoTenant.E3));
        Assert.Empty(await Demo.DisabledPlansAsync(people[2], DemoTenant.E3));
    }

    // A trigger makes the database refuse one row late in the change, after the seat counters, removals, plan changes,
    // provisioning and the rows of the users before it were written in the same transaction.
    [Theory]
    [InlineData("LicenseAssignments", "UserId")]
    [InlineData("ServiceProvisionings", "UserId")]
    [InlineData("AuditEntries", "TargetId")]
    public async Task BulkReplace_FailingMidway_LeavesNothingWritten(string table, string userColumn)
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var users = await MixedSelectionAsync();
        await BuySeatsAsync(admin, DemoTenant.BusinessBasic, users.Count);
        await using (var db = await Database.Contexts.ForSystemAsync(CancellationToken.None))
            await TestTriggers.RefuseInsertAsync(db, table, userColumn, users[^2]);
        var before = await SnapshotAsync();

        await Assert.ThrowsAsync<ConcurrentLicenseChangeException>(() => Licenses.ApplyAsync(admin,
            Request(BulkLicenseMode.ReplaceExisting, users, ProductLicense.AllPlansOn(DemoTenant.BusinessBasic)), CancellationToken.None));

        Assert.Equal(before, await SnapshotAsync());
    }

    // As if another admin removed one of the licenses between the plan and the write (possible on SQL Server): the
    // DELETE touches fewer rows than planned, and the whole change is refused.
    [Fact]
    public async Task BulkRemove_WhenALicenseIsGoneMeanwhile_IsRefusedAsConcurrent_AndWritesNothing()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var users = await MixedSelectionAsync();
        var e3Holder = users.First();
        await using (var db = await Database.Contexts.ForSystemAsync(CancellationToken.None))
            await TestTriggers.IgnoreDeleteAsync(db, "LicenseAssignments", "UserId", e3Holder);
        var before = await SnapshotAsync();

        var error = await Assert.ThrowsAsync<ConcurrentLicenseChangeException>(() =>
            Licenses.ApplyAsync(admin, Request(BulkLicenseMode.RemoveAll, users), CancellationToken.None));

        Assert.StartsWith("Another admin changed the licenses of these users at the same time.", error.Message);
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>Ten of Contoso's E3 holders, then twenty unlicensed people.</summary>
    private async Task<List<Guid>> MixedSelectionAsync()
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var holders = await db.LicenseAssignments.Where(a => a.ProductId == DemoTenant.E3).OrderBy(a => a.UserId).Select(a => a.UserId).Take(10).ToListAsync();
        return [.. holders, .. (await Demo.UnlicensedPeopleAsync(20)).Select(u => u.Id)];
    }

    private async Task<List<Guid>> AddPeopleAsync(int count)
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var now = Database.Clock.GetUtcNow().UtcDateTime;
        var users = Enumerable.Range(1, count).Select(i =>
        {
            var user = new DirectoryUser(Guid.NewGuid(), DemoDataSeeder.ContosoId, $"bulk{i:D4}@contoso.com", $"Bulk {i:D4}", UserKind.User, now);
            user.SetUsageLocation("DK");
            return user;
        }).ToList();
        db.DirectoryUsers.AddRange(users);
        await db.SaveChangesAsync();
        return users.Select(u => u.Id).ToList();
    }

    private async Task BuySeatsAsync(Caller admin, Guid productId, int units) =>
        await Database.Services.GetRequiredService<SubscriptionService>().BuyAsync(admin, productId, units, null, CancellationToken.None);

    private async Task<int> SucceededEntriesAsync(Guid operationId)
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.AuditEntries.CountAsync(e => e.OperationId == operationId && e.Outcome == AuditOutcome.Succeeded);
    }

    private async Task<int> HoldersAsync(IReadOnlyList<Guid> users, Guid productId)
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.LicenseAssignments.CountAsync(a => a.ProductId == productId && users.Contains(a.UserId));
    }

    private async Task<int> MailboxesAsync(IReadOnlyList<Guid> users, ProvisioningState state)
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.ServiceProvisionings.CountAsync(p => p.Family == ServiceFamily.Exchange && p.State == state && users.Contains(p.UserId));
    }

    private async Task<List<ServiceFamily>> FamiliesAsync(Guid userId)
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.ServiceProvisionings.Where(p => p.UserId == userId).Select(p => p.Family).OrderBy(f => f).ToListAsync();
    }

    /// <summary>Every row a license change writes, as text, so two snapshots compare equal only when nothing changed.</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var assignments = (await db.LicenseAssignments.AsNoTracking().ToListAsync())
            .Select(a => $"assignment {a.Id} {a.UserId} {a.ProductId} {string.Join(',', a.DisabledPlanIds)}");
        var provisioning = (await db.ServiceProvisionings.AsNoTracking().ToListAsync())
            .Select(p => $"provisioning {p.Id} {p.UserId} {p.Family} {p.State} {p.RetainedUntilUtc:O} {p.ChangedUtc:O}");
        var seats = (await db.SeatCounters.AsNoTracking().ToListAsync()).Select(c => $"seats {c.ProductId} {c.TotalSeats} {c.AssignedSeats}");
        var audit = (await db.AuditEntries.AsNoTracking().Where(e => e.Outcome == AuditOutcome.Succeeded).ToListAsync())
            .Select(e => $"audit {e.Id} {e.Action} {e.TargetId} {e.OperationId}");
        var operations = (await db.LicenseOperations.AsNoTracking().ToListAsync()).Select(o => $"operation {o.Id}");
        return [.. assignments.Concat(provisioning).Concat(seats).Concat(audit).Concat(operations).Order()];
    }
}
