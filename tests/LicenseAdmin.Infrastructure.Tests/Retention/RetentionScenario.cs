using System.Text.Json;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Retention;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Infrastructure.Tests.Retention;

/// <summary>
/// The demo tenant's retention story on a fake clock. Contoso has a user whose license went 10 days before
/// <see cref="TestDatabase.Start"/> (the mailbox's day 30 is Start + 20 days) and a user deleted 5 days before
/// it (their day 30 is Start + 25 days).
/// </summary>
internal sealed class RetentionScenario(TestDatabase database)
{
    public static readonly DateTime Start = TestDatabase.Start.UtcDateTime;
    public static readonly DateTime MailboxLost = Start.AddDays(-10);
    public static readonly DateTime UserDeleted = Start.AddDays(-5);

    public void At(DateTime utc) => database.Clock.SetUtcNow(new DateTimeOffset(utc, TimeSpan.Zero));

    public RetentionPurger Purger(int batchSize = 100, IPurgeBatchObserver? observer = null, IServiceProvider? services = null) =>
        ActivatorUtilities.CreateInstance<RetentionPurger>(services ?? database.Services,
            Options.Create(new RetentionOptions { BatchSize = batchSize }), observer ?? new NoPurgeBatchObserver());

    /// <summary>The active user whose license went: their mailbox is retained.</summary>
    public async Task<DirectoryUser> UserWithRetainedMailboxAsync()
    {
        await using var db = await database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.DeletedUtc == null)
            .Where(u => db.ServiceProvisionings.Any(p => p.UserId == u.Id && p.State == ProvisioningState.Retained))
            .SingleAsync();
    }

    public async Task<DirectoryUser> DeletedUserAsync()
    {
        await using var db = await database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.DeletedUtc != null);
    }

    public async Task<bool> ExistsAsync(Guid userId)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.DirectoryUsers.IgnoreQueryFilters().AnyAsync(u => u.Id == userId);
    }

    public Task<ServiceProvisioning?> MailboxAsync(Guid userId) => database.ProvisioningAsync(userId, ServiceFamily.Exchange);

    /// <summary>Gives unlicensed people of a tenant a mailbox retained since <paramref name="lostUtc"/>; returns their ids.</summary>
    public async Task<List<Guid>> AddRetainedMailboxesAsync(int count, DateTime lostUtc, Guid? tenantId = null)
    {
        await using var db = await database.Contexts.ForTenantAsync(tenantId ?? DemoDataSeeder.ContosoId, CancellationToken.None);
        var users = await db.DirectoryUsers
            .Where(u => u.DeletedUtc == null && u.Kind == UserKind.User && u.Roles == AdminRoles.None)
            .Where(u => !db.ServiceProvisionings.Any(p => p.UserId == u.Id))
            .OrderBy(u => u.UserPrincipalName).Take(count).ToListAsync();
        Assert.Equal(count, users.Count);
        foreach (var user in users)
        {
            var mailbox = new ServiceProvisioning(Guid.NewGuid(), user.TenantId, user.Id, ServiceFamily.Exchange, lostUtc.AddDays(-100));
            mailbox.Retain(lostUtc);
            db.ServiceProvisionings.Add(mailbox);
        }

        await db.SaveChangesAsync();
        return users.Select(u => u.Id).ToList();
    }

    /// <summary>Every "Purge retained data" entry of both demo tenants.</summary>
    public async Task<List<AuditEntry>> PurgeEntriesAsync() =>
        (await database.AuditAsync(AuditAction.PurgeRetainedData))
        .Concat(await database.AuditAsync(AuditAction.PurgeRetainedData, DemoDataSeeder.FabrikamId))
        .ToList();

    /// <summary>A count the audit log's purge entries add up to, e.g. "mailboxes": each item must appear exactly once.</summary>
    public async Task<int> AuditedAsync(string count) =>
        (await PurgeEntriesAsync()).Sum(e => JsonDocument.Parse(e.After!).RootElement.GetProperty(count).GetInt32());

    public async Task<int> PurgedMailboxesAsync()
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.ServiceProvisionings.IgnoreQueryFilters().CountAsync(p => p.State == ProvisioningState.Purged);
    }
}

/// <summary>Throws or cancels inside a chosen batch, after its changes are written and before they are committed.</summary>
internal sealed class FaultInBatch(int batchNumber, Action fault) : IPurgeBatchObserver
{
    public int Calls { get; private set; }

    public Task BeforeCommitAsync(PurgeBatch batch, CancellationToken cancellationToken)
    {
        Calls++;
        if (batch.Number == batchNumber) fault();
        return Task.CompletedTask;
    }
}
