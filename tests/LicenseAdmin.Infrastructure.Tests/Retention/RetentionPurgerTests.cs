using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Documents;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Retention;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Retention;

public sealed class RetentionPurgerTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private RetentionScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _scenario = new RetentionScenario(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Day29_PurgesNothing()
    {
        var user = await _scenario.UserWithRetainedMailboxAsync();
        _scenario.At(RetentionScenario.MailboxLost.AddDays(29));

        var result = await _scenario.Purger().RunOnceAsync(dryRun: false, CancellationToken.None);

        Assert.Equal((PurgeRunOutcome.Completed, PurgeCounts.None, 0), (result.Outcome, result.Counts, result.Batches));
        Assert.Equal(ProvisioningState.Retained, (await _scenario.MailboxAsync(user.Id))!.State);
        Assert.Empty(await _scenario.PurgeEntriesAsync());
    }

    [Fact]
    public async Task Day30_PurgesTheDueMailboxOnly()
    {
        var user = await _scenario.UserWithRetainedMailboxAsync();
        var deleted = await _scenario.DeletedUserAsync();
        _scenario.At(RetentionScenario.MailboxLost.AddDays(30));

        var result = await _scenario.Purger().RunOnceAsync(dryRun: false, CancellationToken.None);

        Assert.Equal((1, 0), (result.Counts.Mailboxes, result.Counts.Users));
        Assert.Equal(user.UserPrincipalName, Assert.Single(result.Items).UserPrincipalName);
        Assert.Equal(ProvisioningState.Purged, (await _scenario.MailboxAsync(user.Id))!.State);
        Assert.True(await _scenario.ExistsAsync(user.Id));
        Assert.Equal(ProvisioningState.Retained, (await _scenario.MailboxAsync(deleted.Id))!.State);
        Assert.True(await _scenario.ExistsAsync(deleted.Id));
    }

    [Fact]
    public async Task Day30OfADeletedUser_DeletesTheUserWithTheirDataAndKeepsTheirDocuments()
    {
        var deleted = await _scenario.DeletedUserAsync();
        var documentId = Guid.NewGuid();
        await using (var db = await _database.Contexts.ForTenantAsync(deleted.TenantId, CancellationToken.None))
        {
            db.SharePointDocuments.Add(new SharePointDocument(documentId, deleted.TenantId, "Budget 2027.xlsx", deleted.Id, deleted.DisplayName, RetentionScenario.Start));
            db.OfficeInstallations.Add(new OfficeInstallation(Guid.NewGuid(), deleted.TenantId, deleted.Id, "OLD-LAPTOP", DevicePlatform.Pc, RetentionScenario.Start));
            await db.SaveChangesAsync();
        }

        _scenario.At(RetentionScenario.UserDeleted.AddDays(29));
        var day29 = await _scenario.Purger().RunOnceAsync(dryRun: false, CancellationToken.None);
        _scenario.At(RetentionScenario.UserDeleted.AddDays(30));
        var day30 = await _scenario.Purger().RunOnceAsync(dryRun: false, CancellationToken.None);

        Assert.Equal(0, day29.Counts.Users);
        Assert.Equal(new PurgeCounts(Mailboxes: 1, Users: 1, Licenses: 0, Installations: 1, ProvisioningRecords: 1, DocumentsKept: 1), day30.Counts);
        Assert.False(await _scenario.ExistsAsync(deleted.Id));
        Assert.Null(await _scenario.MailboxAsync(deleted.Id));
        await using var check = await _database.Contexts.ForTenantAsync(deleted.TenantId, CancellationToken.None);
        var document = await check.SharePointDocuments.SingleAsync(d => d.Id == documentId);
        Assert.Equal((null, $"Deleted user ({deleted.DisplayName})"), (document.OwnerUserId, document.OwnerDisplayName));
        Assert.Empty(await check.OfficeInstallations.Where(i => i.UserId == deleted.Id).ToListAsync());
    }

    [Fact]
    public async Task LicenseGivenBackOnDay29_KeepsTheMailboxAndItsData()
    {
        var user = await _scenario.UserWithRetainedMailboxAsync();
        var admin = await _database.CallerAsync(Demo.GlobalAdmin);
        var e3 = await _database.ProductIdAsync(Demo.E3);
        _scenario.At(RetentionScenario.MailboxLost.AddDays(29));
        await _database.Services.GetRequiredService<LicenseService>().AssignAsync(admin, user.Id, e3, null, CancellationToken.None);

        _scenario.At(RetentionScenario.MailboxLost.AddDays(60));
        var result = await _scenario.Purger().RunOnceAsync(dryRun: false, CancellationToken.None);

        Assert.DoesNotContain(result.Items, i => i.UserId == user.Id);
        var mailbox = await _scenario.MailboxAsync(user.Id);
        Assert.Equal((ProvisioningState.Provisioned, null), (mailbox!.State, mailbox.RetainedUntilUtc));
    }

    [Fact]
    public async Task RestoreOnDay29_KeepsTheUser()
    {
        var deleted = await _scenario.DeletedUserAsync();
        var admin = await _database.CallerAsync(Demo.GlobalAdmin);
        _scenario.At(RetentionScenario.UserDeleted.AddDays(29));
        await _database.Services.GetRequiredService<UserService>().RestoreAsync(admin, [deleted.Id], CancellationToken.None);

        _scenario.At(RetentionScenario.UserDeleted.AddDays(60));
        var result = await _scenario.Purger().RunOnceAsync(dryRun: false, CancellationToken.None);

        Assert.Equal(0, result.Counts.Users);
        var restored = await _database.UserByIdAsync(deleted.Id);
        Assert.False(restored.IsDeleted);
    }

    [Fact]
    public async Task SharedAndRoomMailboxesWithoutLicense_AreNeverPurged()
    {
        string[] resources = ["info@contoso.com", "support@contoso.com", "boardroom@contoso.com"];
        _scenario.At(RetentionScenario.Start.AddDays(400));

        await _scenario.Purger().RunOnceAsync(dryRun: false, CancellationToken.None);

        foreach (var upn in resources)
        {
            var mailbox = await _database.UserAsync(upn);
            Assert.True(mailbox.IsResourceMailbox);
            Assert.Equal(ProvisioningState.Provisioned, (await _scenario.MailboxAsync(mailbox.Id))!.State);
        }
    }

    [Fact]
    public async Task DryRun_ListsWhatWouldGoWithCountsPerKindAndWritesNothing()
    {
        var user = await _scenario.UserWithRetainedMailboxAsync();
        var deleted = await _scenario.DeletedUserAsync();
        _scenario.At(RetentionScenario.UserDeleted.AddDays(30));
        var before = await _database.SnapshotAsync();

        var dryRun = await _scenario.Purger().RunOnceAsync(dryRun: true, CancellationToken.None);

        Assert.Equal(PurgeRunOutcome.DryRun, dryRun.Outcome);
        Assert.Equal((2, 1), (dryRun.Counts.Mailboxes, dryRun.Counts.Users));
        Assert.Equal(
            [(PurgeKind.MailboxData, user.Id), (PurgeKind.MailboxData, deleted.Id), (PurgeKind.DeletedUser, deleted.Id)],
            dryRun.Items.Select(i => (i.Kind, i.UserId)).ToList());
        Assert.Equal(before, await _database.SnapshotAsync());
        Assert.Equal(0, await _scenario.PurgedMailboxesAsync());

        var run = await _scenario.Purger().RunOnceAsync(dryRun: false, CancellationToken.None);
        Assert.Equal((2, 1), (run.Counts.Mailboxes, run.Counts.Users));
    }

    [Fact]
    public async Task EachBatch_WritesOnePurgeEntryPerTenantWithItsCounts()
    {
        var lost = RetentionScenario.Start;
        await _scenario.AddRetainedMailboxesAsync(4, lost);
        var fabrikam = await _scenario.AddRetainedMailboxesAsync(1, lost, Infrastructure.Persistence.Seeding.DemoDataSeeder.FabrikamId);
        _scenario.At(lost.AddDays(30));

        var result = await _scenario.Purger(batchSize: 3).RunOnceAsync(dryRun: false, CancellationToken.None);

        // 4 + 1 new mailboxes, the demo's retained one and the deleted user's: 7 mailboxes in 3 batches, then the user.
        Assert.Equal((7, 1, 4), (result.Counts.Mailboxes, result.Counts.Users, result.Batches));
        var entries = await _scenario.PurgeEntriesAsync();
        Assert.All(entries, e => Assert.Equal((PurgeAudit.Actor, AuditOutcome.Succeeded), (e.ActorUpn, e.Outcome)));
        Assert.Equal(7, await _scenario.AuditedAsync("mailboxes"));
        Assert.Equal(1, await _scenario.AuditedAsync("users"));
        var fabrikamEntry = Assert.Single(entries, e => e.TenantId == Infrastructure.Persistence.Seeding.DemoDataSeeder.FabrikamId);
        Assert.Equal("1 mailbox, 0 deleted users", fabrikamEntry.Target);
        Assert.Contains((await _database.UserByIdAsync(fabrikam[0])).UserPrincipalName, fabrikamEntry.After);
        Assert.Equal(result.Batches, entries.Select(e => e.OperationId).Distinct().Count());
    }

    [Fact]
    public async Task FaultInsideABatch_RollsItBackAndTheNextRunFinishesTheJob()
    {
        var lost = RetentionScenario.Start;
        var due = await _scenario.AddRetainedMailboxesAsync(5, lost);
        var notDue = await _scenario.AddRetainedMailboxesAsync(2, lost.AddDays(5));
        _scenario.At(lost.AddDays(30));
        var fault = new FaultInBatch(2, () => throw new InvalidOperationException("Simulated crash before commit"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => _scenario.Purger(batchSize: 2, fault).RunOnceAsync(false, CancellationToken.None));

        // Batch 1 committed (2 mailboxes), batch 2 rolled back; the items not yet due were never touched.
        Assert.Equal(2, await _scenario.PurgedMailboxesAsync());
        Assert.Equal(2, await _scenario.AuditedAsync("mailboxes"));
        foreach (var id in notDue) Assert.Equal(ProvisioningState.Retained, (await _scenario.MailboxAsync(id))!.State);

        var next = await _scenario.Purger(batchSize: 2).RunOnceAsync(false, CancellationToken.None);

        // 5 new and the demo's two due mailboxes (one of the deleted user, whose rows then went with them) = 7,
        // each purged and audited exactly once.
        Assert.Equal(5, next.Counts.Mailboxes);
        Assert.Equal(6, await _scenario.PurgedMailboxesAsync());
        Assert.Equal(7, await _scenario.AuditedAsync("mailboxes"));
        foreach (var id in due) Assert.Equal(ProvisioningState.Purged, (await _scenario.MailboxAsync(id))!.State);
        foreach (var id in notDue) Assert.Equal(ProvisioningState.Retained, (await _scenario.MailboxAsync(id))!.State);
    }

    [Fact]
    public async Task ShutdownInsideABatch_RollsItBackAndTheNextRunFinishesTheJob()
    {
        var lost = RetentionScenario.Start;
        await _scenario.AddRetainedMailboxesAsync(5, lost);
        _scenario.At(lost.AddDays(30));
        using var shutdown = new CancellationTokenSource();
        var purger = _scenario.Purger(batchSize: 3, new FaultInBatch(2, shutdown.Cancel));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => purger.RunOnceAsync(false, shutdown.Token));

        Assert.Equal(3, await _scenario.PurgedMailboxesAsync());
        var lease = await _database.Services.GetRequiredService<PurgeLeaseStore>().CurrentAsync(CancellationToken.None);
        Assert.True(lease!.ExpiresUtc < lost.AddDays(30), "a stopped run releases its lease");

        var next = await purger.RunOnceAsync(false, CancellationToken.None);

        Assert.Equal((4, 1), (next.Counts.Mailboxes, next.Counts.Users));
        Assert.Equal(6, await _scenario.PurgedMailboxesAsync()); // the 7th went with its deleted user
        Assert.Equal(7, await _scenario.AuditedAsync("mailboxes"));
    }

    [Fact]
    public async Task LeaseHeldByAnotherInstance_IsSkippedUntilItExpires()
    {
        _scenario.At(RetentionScenario.UserDeleted.AddDays(30));
        var leases = _database.Services.GetRequiredService<PurgeLeaseStore>();
        // An instance that took the lease and died without releasing it.
        Assert.True(await leases.TryTakeAsync("crashed-instance", CancellationToken.None));

        var skipped = await _scenario.Purger().RunOnceAsync(false, CancellationToken.None);
        _scenario.At(RetentionScenario.UserDeleted.AddDays(30) + new RetentionOptions().LeaseDuration + TimeSpan.FromSeconds(1));
        var takenOver = await _scenario.Purger().RunOnceAsync(false, CancellationToken.None);

        Assert.Equal((PurgeRunOutcome.SkippedLeaseHeld, "crashed-instance", PurgeCounts.None), (skipped.Outcome, skipped.LeaseHolder, skipped.Counts));
        Assert.Equal((PurgeRunOutcome.Completed, 2, 1), (takenOver.Outcome, takenOver.Counts.Mailboxes, takenOver.Counts.Users));
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabase_PurgeEveryItemExactlyOnce()
    {
        var lost = RetentionScenario.Start;
        var demoMailbox = (await _scenario.UserWithRetainedMailboxAsync()).Id;
        var withMailbox = (await _scenario.AddRetainedMailboxesAsync(20, lost)).Append(demoMailbox);
        var admin = await _database.CallerAsync(Demo.GlobalAdmin);
        var leaving = (await _database.UnlicensedAsync()).Except(withMailbox).Take(6).ToList();
        await _database.Services.GetRequiredService<UserService>().DeleteAsync(admin, UserSelection.Of(leaving), CancellationToken.None);
        _scenario.At(lost.AddDays(31));
        await using var second = _database.AnotherInstance(out _);
        var first = _scenario.Purger(batchSize: 2);
        var other = _scenario.Purger(batchSize: 2, services: second);

        var results = new List<PurgeRunResult>();
        for (var round = 0; round < 3; round++)
            results.AddRange(await Task.WhenAll(
                Task.Run(() => first.RunOnceAsync(false, CancellationToken.None)),
                Task.Run(() => other.RunOnceAsync(false, CancellationToken.None))));

        // 20 new mailboxes and the demo's 2; the 6 deleted users and the demo's one.
        Assert.Equal(22, results.Sum(r => r.Counts.Mailboxes));
        Assert.Equal(7, results.Sum(r => r.Counts.Users));
        Assert.Equal(22, await _scenario.AuditedAsync("mailboxes"));
        Assert.Equal(7, await _scenario.AuditedAsync("users"));
        Assert.Equal(21, await _scenario.PurgedMailboxesAsync()); // the 22nd went with its deleted user
        foreach (var id in leaving) Assert.False(await _scenario.ExistsAsync(id));
    }
}
