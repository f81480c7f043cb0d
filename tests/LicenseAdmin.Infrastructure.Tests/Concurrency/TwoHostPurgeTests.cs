using System.Text.Json;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Retention;
using LicenseAdmin.Infrastructure.Tests.Retention;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace LicenseAdmin.Infrastructure.Tests.Concurrency;

/// <summary>
/// Two hosts of the application (two separately built service providers, each with its own purger, lease store and
/// clock) purge one PostgreSQL database at the same moment. Whatever the lease does, every due item is purged once
/// and named in exactly one audit entry.
/// </summary>
[Trait(TestProvider.Trait, TestProvider.PostgreSql)]
public sealed class TwoHostPurgeTests : DemoDatabaseTest
{
    private const int Mailboxes = 300;
    private const int DeletedUsers = 60;
    // 30 mailboxes or 3 deleted users per batch: 10 + 20 batches of our own, so a run has many points to lose its lease at.
    private const int BatchSize = 30;
    private static readonly DateTime Now = RetentionScenario.Start.AddDays(40);

    private RetentionScenario Scenario => new(Database);

    [Fact]
    public async Task TwoHostsPurgingAtTheSameMoment_PurgeEveryDueItemOnce_AndAuditItOnce()
    {
        var expected = await AddDueItemsAsync();
        await using var secondHost = Database.AnotherInstance(out _);
        var purgers = new[] { Scenario.Purger(BatchSize), Scenario.Purger(BatchSize, services: secondHost) };

        var results = new List<PurgeRunResult>();
        for (var round = 0; round < 3; round++)
            results.AddRange(await RaceAsync(purgers.Select(p => (Func<Task<PurgeRunResult>>)(() => p.RunOnceAsync(false, CancellationToken.None)))));

        // Within a round the lease lets one host purge; the other is told who holds it, or comes after and finds nothing.
        foreach (var pair in results.Chunk(2))
            Assert.Contains(pair, r => r.Outcome == PurgeRunOutcome.Completed && r.Counts == PurgeCounts.None || r.Outcome == PurgeRunOutcome.SkippedLeaseHeld);
        await AssertPurgedOnceAsync(expected, results);
    }

    /// <summary>
    /// The first host stalls in its third batch for longer than its lease (its clock stands still; the second host's moves
    /// past the lease's end) while the second host starts a run: the second takes the lease over once the stalled batch
    /// commits, and the first stops at its next batch. Nothing is purged twice across the handover.
    /// </summary>
    [Fact]
    public async Task AHostStallingPastItsLease_HandsOverToTheOtherHost_WithoutPurgingAnythingTwice()
    {
        var expected = await AddDueItemsAsync();
        await using var secondHost = Database.AnotherInstance(out var secondClock);
        var second = Scenario.Purger(BatchSize, services: secondHost);
        Task<PurgeRunResult>? takeover = null;
        var stall = new FaultInBatch(3, () =>
        {
            secondClock.Advance(new RetentionOptions().LeaseDuration + TimeSpan.FromSeconds(1));
            takeover = Task.Run(() => second.RunOnceAsync(false, CancellationToken.None));
        });

        var first = await Scenario.Purger(BatchSize, stall).RunOnceAsync(false, CancellationToken.None);
        var results = new List<PurgeRunResult> { first, await takeover! };
        // Whatever either left (the first stopped, the second may have found the lease still held) a later run finishes.
        results.Add(await second.RunOnceAsync(false, CancellationToken.None));

        Assert.NotEqual(PurgeRunOutcome.SkippedLeaseHeld, first.Outcome);
        await AssertPurgedOnceAsync(expected, results);
    }

    /// <summary>Every due item was purged by exactly one run and named in exactly one audit entry; none is left due.</summary>
    private async Task AssertPurgedOnceAsync(DueItems expected, IReadOnlyList<PurgeRunResult> results)
    {
        var purged = results.SelectMany(r => r.Items).ToList();
        Assert.Equal(expected.Mailboxes.Order(), purged.Where(i => i.Kind == PurgeKind.MailboxData).Select(i => i.UserPrincipalName).Order());
        Assert.Equal(expected.Users.Order(), purged.Where(i => i.Kind == PurgeKind.DeletedUser).Select(i => i.UserPrincipalName).Order());

        var entries = await Scenario.PurgeEntriesAsync();
        Assert.Equal(expected.Mailboxes.Order(), entries.SelectMany(e => Names(e.After!, "mailboxesOf")).Order());
        Assert.Equal(expected.Users.Order(), entries.SelectMany(e => Names(e.After!, "deletedUsers")).Order());
        Assert.Equal(expected.Mailboxes.Count, await Scenario.AuditedAsync("mailboxes"));

        await using var db = await Database.Contexts.ForSystemAsync(CancellationToken.None);
        Assert.Equal(0, await db.ServiceProvisionings.IgnoreQueryFilters().CountAsync(p => p.State == ProvisioningState.Retained && p.RetainedUntilUtc <= Now));
        Assert.Equal(0, await db.DirectoryUsers.IgnoreQueryFilters().CountAsync(u => u.DeletedUtc != null));
    }

    private static IEnumerable<string> Names(string after, string list) =>
        JsonDocument.Parse(after).RootElement.GetProperty(list).EnumerateArray().Select(e => e.GetString()!);

    private sealed record DueItems(List<string> Mailboxes, List<string> Users);

    /// <summary>
    /// New Contoso people with a mailbox retained 35 days ago and people deleted 35 days ago, besides the demo's own due
    /// items; the clocks of both hosts are then set to <see cref="Now"/>.
    /// </summary>
    private async Task<DueItems> AddDueItemsAsync()
    {
        var longAgo = Now.AddDays(-35);
        await using (var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
        {
            for (var i = 1; i <= Mailboxes + DeletedUsers; i++)
            {
                var user = new DirectoryUser(Guid.NewGuid(), DemoDataSeeder.ContosoId, $"purge{i:D4}@contoso.com", $"Purge {i:D4}", UserKind.User, longAgo.AddDays(-100));
                db.DirectoryUsers.Add(user);
                if (i > Mailboxes)
                {
                    user.MarkDeleted(longAgo);
                    continue;
                }
                var mailbox = new ServiceProvisioning(Guid.NewGuid(), user.TenantId, user.Id, ServiceFamily.Exchange, longAgo.AddDays(-100));
                mailbox.Retain(longAgo.AddDays(-30));
                db.ServiceProvisionings.Add(mailbox);
            }
            await db.SaveChangesAsync();
        }

        Database.Clock.SetUtcNow(new DateTimeOffset(Now, TimeSpan.Zero));
        var due = await Scenario.Purger().RunOnceAsync(dryRun: true, CancellationToken.None);
        Assert.Equal(Mailboxes + DeletedUsers, due.Items.Count(i => i.UserPrincipalName.StartsWith("purge", StringComparison.Ordinal)));
        return new DueItems(
            due.Items.Where(i => i.Kind == PurgeKind.MailboxData).Select(i => i.UserPrincipalName).ToList(),
            due.Items.Where(i => i.Kind == PurgeKind.DeletedUser).Select(i => i.UserPrincipalName).ToList());
    }

    private static async Task<PurgeRunResult[]> RaceAsync(IEnumerable<Func<Task<PurgeRunResult>>> runs)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = runs.Select(run => Task.Run(async () =>
        {
            await gate.Task;
            return await run();
        })).ToList();
        gate.SetResult();
        return await Task.WhenAll(running);
    }
}
