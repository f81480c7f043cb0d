using LicenseAdmin.Domain.Documents;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Retention;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Retention;

/// <summary>
/// One batch's set-based statements: a change that lands between the batch's read and its purge (as it can on SQL
/// Server, where the read takes no locks) is left alone by the conditional claim, and the rest of the batch still goes.
/// </summary>
public sealed class PurgeBatchTests : IAsyncLifetime
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
    public async Task LicenseGivenBackAfterTheBatchReadTheMailbox_KeepsItAndPurgesTheRest()
    {
        var lost = RetentionScenario.Start;
        var users = await _scenario.AddRetainedMailboxesAsync(3, lost);
        var now = lost.AddDays(30);
        var batch = new RetainedDataBatch();
        await using var db = await _database.Contexts.ForSystemAsync(CancellationToken.None);
        var read = await batch.ReadDueAsync(db, now, leftAlone: [], limit: 100, CancellationToken.None);

        var admin = await _database.CallerAsync(Demo.GlobalAdmin);
        var e3 = await _database.ProductIdAsync(Demo.E3);
        await _database.Services.GetRequiredService<LicenseService>().AssignAsync(admin, users[1], e3, null, CancellationToken.None);
        var purged = await batch.PurgeAsync(db, now, read.Due, CancellationToken.None);

        // The 3 new mailboxes and the demo's two due ones were read; the one given back is not purged.
        Assert.Equal(5, read.Due.Count);
        Assert.Equal(read.Due.Select(r => r.Item.UserId).Where(id => id != users[1]).Order(), purged.Select(p => p.Item.UserId).Order());
        Assert.Equal(ProvisioningState.Provisioned, (await _scenario.MailboxAsync(users[1]))!.State);
        Assert.Equal(ProvisioningState.Purged, (await _scenario.MailboxAsync(users[0]))!.State);
        Assert.Equal(ProvisioningState.Purged, (await _scenario.MailboxAsync(users[2]))!.State);
    }

    [Fact]
    public async Task UserRestoredAfterTheBatchReadThem_IsKeptWithTheirDataAndTheOthersGo()
    {
        var admin = await _database.CallerAsync(Demo.GlobalAdmin);
        var leaving = (await _database.UnlicensedAsync()).Take(3).ToList();
        var users = _database.Services.GetRequiredService<UserService>();
        await users.DeleteAsync(admin, UserSelection.Of(leaving), CancellationToken.None);
        var restored = leaving[1];
        var installation = await AddOfficeInstallationAsync(restored);
        // The purging instance's clock is a moment past day 30; the restoring one's is still on day 29.
        var now = RetentionScenario.Start.AddDays(30).AddMinutes(1);
        _scenario.At(RetentionScenario.Start.AddDays(29));
        var batch = new DeletedUserBatch();
        await using var db = await _database.Contexts.ForSystemAsync(CancellationToken.None);
        var read = await batch.ReadDueAsync(db, now, leftAlone: [], limit: 100, CancellationToken.None);

        await users.RestoreAsync(admin, [restored], CancellationToken.None);
        var purged = await batch.PurgeAsync(db, now, read.Due, CancellationToken.None);

        // The 3 deleted today and the demo's deleted user were read; the restored one stays, with their installation.
        Assert.Equal(4, read.Due.Count);
        Assert.Equal(read.Due.Select(r => r.Item.UserId).Where(id => id != restored).Order(), purged.Select(p => p.Item.UserId).Order());
        Assert.False((await _database.UserByIdAsync(restored)).IsDeleted);
        await using var check = await _database.Contexts.ForSystemAsync(CancellationToken.None);
        Assert.True(await check.OfficeInstallations.IgnoreQueryFilters().AnyAsync(i => i.Id == installation));
        Assert.False(await _scenario.ExistsAsync(leaving[0]));
        Assert.False(await _scenario.ExistsAsync(leaving[2]));
    }

    [Fact]
    public async Task RowsLeftAloneEarlierInTheRun_AreNotReadAgain()
    {
        var lost = RetentionScenario.Start;
        var mailboxes = await _scenario.AddRetainedMailboxesAsync(3, lost);
        var now = lost.AddDays(30);
        await using var db = await _database.Contexts.ForSystemAsync(CancellationToken.None);
        var first = await new RetainedDataBatch().ReadDueAsync(db, now, leftAlone: [], limit: null, CancellationToken.None);
        var skipped = first.Due.Where(r => r.Item.UserId == mailboxes[0]).Select(r => r.RowId).ToList();
        var deleted = await _scenario.DeletedUserAsync();

        var mailboxesRead = await new RetainedDataBatch().ReadDueAsync(db, now, skipped, limit: null, CancellationToken.None);
        var usersRead = await new DeletedUserBatch().ReadDueAsync(db, now, [deleted.Id], limit: null, CancellationToken.None);

        Assert.Equal(first.Due.Select(r => r.RowId).Except(skipped), mailboxesRead.Due.Select(r => r.RowId));
        Assert.True(usersRead.FoundNothing);
    }

    [Fact]
    public async Task DocumentsOfSeveralOwnersPurgedInOneBatch_EachNameTheirOwnOwner()
    {
        var admin = await _database.CallerAsync(Demo.GlobalAdmin);
        var leaving = (await _database.UnlicensedAsync()).Take(2).ToList();
        var documents = new List<(Guid Document, string Owner)>();
        foreach (var id in leaving)
        {
            var owner = await _database.UserByIdAsync(id);
            documents.Add((await AddDocumentAsync(owner.TenantId, id, owner.DisplayName), owner.DisplayName));
        }
        await _database.Services.GetRequiredService<UserService>().DeleteAsync(admin, UserSelection.Of(leaving), CancellationToken.None);
        _scenario.At(RetentionScenario.Start.AddDays(31));

        var result = await _scenario.Purger().RunOnceAsync(dryRun: false, CancellationToken.None);

        Assert.Equal(2, result.Counts.DocumentsKept);
        await using var db = await _database.Contexts.ForSystemAsync(CancellationToken.None);
        foreach (var (document, owner) in documents)
        {
            var kept = await db.SharePointDocuments.IgnoreQueryFilters().SingleAsync(d => d.Id == document);
            Assert.Equal((null, SharePointDocument.DeletedOwnerName(owner)), (kept.OwnerUserId, kept.OwnerDisplayName));
        }
    }

    private async Task<Guid> AddOfficeInstallationAsync(Guid userId)
    {
        var user = await _database.UserByIdAsync(userId);
        await using var db = await _database.Contexts.ForTenantAsync(user.TenantId, CancellationToken.None);
        var installation = new OfficeInstallation(Guid.NewGuid(), user.TenantId, userId, "LAPTOP-1", DevicePlatform.Pc, RetentionScenario.Start);
        db.OfficeInstallations.Add(installation);
        await db.SaveChangesAsync();
        return installation.Id;
    }

    private async Task<Guid> AddDocumentAsync(Guid tenantId, Guid ownerId, string ownerName)
    {
        await using var db = await _database.Contexts.ForTenantAsync(tenantId, CancellationToken.None);
        var document = new SharePointDocument(Guid.NewGuid(), tenantId, $"Notes of {ownerName}.docx", ownerId, ownerName, RetentionScenario.Start);
        db.SharePointDocuments.Add(document);
        await db.SaveChangesAsync();
        return document.Id;
    }
}
