using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>
/// Deletes for good what the 30-day retention no longer protects: retained mailbox data, then users deleted 30 days
/// ago. Work goes in batches, each its own short transaction with its audit entries, so a run stopped at any point
/// (shutdown, crash, database error) has committed whole batches only, and the next run continues where it stopped.
/// Only the instance holding the purge lease runs; the others skip.
/// </summary>
public sealed class RetentionPurger(
    TenantDbContextFactory contexts,
    PurgeLeaseStore lease,
    IPurgeBatchObserver observer,
    TimeProvider clock,
    IOptions<RetentionOptions> options,
    ILogger<RetentionPurger> logger)
{
    // Mailboxes first: a deleted user's retained mailbox is purged (and counted) as a mailbox before the user goes.
    private static readonly IPurgeKindBatch[] Order = [new RetainedDataBatch(), new DeletedUserBatch()];

    // The lease keeps instances apart; this keeps two runs of one instance (the timer and a caller) apart.
    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);

    /// <summary>Names this instance in the lease, so an operator can tell which one purges.</summary>
    public string InstanceName { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Purges everything due now, or with <paramref name="dryRun"/> only lists it. Throws when a batch fails (that
    /// batch is rolled back; earlier ones stay) or when <paramref name="cancellationToken"/> stops the run.
    /// </summary>
    public async Task<PurgeRunResult> RunOnceAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (dryRun) return await DryRunAsync(now, cancellationToken);

        await _oneRunAtATime.WaitAsync(cancellationToken);
        try
        {
            if (!await lease.TryTakeAsync(InstanceName, cancellationToken))
            {
                var holder = (await lease.CurrentAsync(cancellationToken))?.Holder;
                logger.LogInformation("Retention purge skipped: another instance holds the lease ({Holder})", holder);
                return new PurgeRunResult(PurgeRunOutcome.SkippedLeaseHeld, PurgeCounts.None, [], 0, TimeSpan.Zero, holder);
            }

            try
            {
                return await PurgeInBatchesAsync(now, cancellationToken);
            }
            finally
            {
                await ReleaseLeaseAsync();
            }
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    private async Task<PurgeRunResult> DryRunAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        var items = new List<PurgeItem>();
        foreach (var kind in Order)
            items.AddRange((await kind.ReadDueAsync(db, now, leftAlone: [], limit: null, cancellationToken)).Due.Select(r => r.Item));
        return new PurgeRunResult(PurgeRunOutcome.DryRun, PurgeCounts.Of(items), items, 0, TimeSpan.Zero);
    }

    private async Task<PurgeRunResult> PurgeInBatchesAsync(DateTime now, CancellationToken cancellationToken)
    {
        var total = PurgeCounts.None;
        var items = new List<PurgeItem>();
        var batches = 0;
        var longest = TimeSpan.Zero;
        foreach (var kind in Order)
        {
            // Rows the query found that the domain does not consider due: later reads of this run skip them, so every
            // batch moves on. (A row the conditional purge missed is no longer due, so no read finds it again.)
            var leftAlone = new List<Guid>();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = clock.GetTimestamp();
                var batch = await RunBatchAsync(kind, batches + 1, now, leftAlone, cancellationToken);
                if (batch.LeaseLost)
                {
                    logger.LogWarning("Retention purge stopped after {Batches} batches: the lease went to another instance", batches);
                    return new PurgeRunResult(PurgeRunOutcome.StoppedLeaseLost, total, items, batches, longest);
                }
                if (batch.Read.FoundNothing) break;
                leftAlone.AddRange(batch.Read.NotDue);
                if (batch.Purged.Count == 0) continue;

                batches++;
                longest = TimeSpan.FromTicks(Math.Max(longest.Ticks, clock.GetElapsedTime(started).Ticks));
                total = batch.Purged.Aggregate(total, (sum, p) => sum.Plus(p.Counts));
                items.AddRange(batch.Purged.Select(p => p.Item));
            }
        }

        logger.LogInformation(
            "Retention purge finished: {Mailboxes} mailboxes and {Users} deleted users purged in {Batches} batches, longest {LongestMs} ms",
            total.Mailboxes, total.Users, batches, (long)longest.TotalMilliseconds);
        return new PurgeRunResult(PurgeRunOutcome.Completed, total, items, batches, longest);
    }

    /// <summary>
    /// Renews the lease, reads the next due rows of <paramref name="kind"/> and purges them, all in one transaction. Says
    /// what it read and what it purged (nothing when no row read was still due), or that the lease was lost (then it
    /// wrote nothing).
    /// </summary>
    private async Task<BatchOutcome> RunBatchAsync(
        IPurgeKindBatch kind, int number, DateTime now, IReadOnlyCollection<Guid> leftAlone, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        try
        {
            await using var db = await contexts.ForSystemAsync(cancellationToken);
            var batchId = Guid.NewGuid();
            var outcome = await WriteTransaction.RunAsync(db, async token =>
            {
                // Renewed in the batch's own transaction: a lease that expired while this instance stalled is noticed
                // before it writes again, and on the server databases the renewed row stays locked until the batch
                // commits, so no other instance can take the lease while a batch is being written.
                if (!await lease.TryRenewAsync(db, InstanceName, token)) return BatchOutcome.LostLease;
                var read = await kind.ReadDueAsync(db, now, leftAlone, Math.Max(1, options.Value.BatchSize / kind.RowsPerItem), token);
                if (read.Due.Count == 0) return new BatchOutcome(read, []);

                var purged = await kind.PurgeAsync(db, now, read.Due, token);
                if (purged.Count == 0) return new BatchOutcome(read, purged);

                PurgeAudit.Add(db, now, batchId, purged);
                await db.SaveChangesAsync(token);
                await observer.BeforeCommitAsync(new PurgeBatch(number, kind.Kind, CountsOf(purged)), token);
                // A stop requested during the batch wins over committing it: the batch rolls back and is done again next run.
                token.ThrowIfCancellationRequested();
                return new BatchOutcome(read, purged);
            }, cancellationToken);
            if (outcome.LeaseLost || outcome.Purged.Count == 0) return outcome;
            var (read, purged, counts) = (outcome.Read, outcome.Purged, CountsOf(outcome.Purged));

            logger.LogInformation(
                "Purge batch {Batch} ({Kind}) committed in {ElapsedMs} ms: {Mailboxes} mailboxes, {Users} users, {Licenses} licenses, " +
                "{Installations} Office installations, {ProvisioningRecords} provisioning records deleted; {DocumentsKept} documents kept; " +
                "{Tenants} tenants, operation {OperationId}",
                number, kind.Kind, (long)clock.GetElapsedTime(started).TotalMilliseconds, counts.Mailboxes, counts.Users, counts.Licenses,
                counts.Installations, counts.ProvisioningRecords, counts.DocumentsKept, purged.Select(p => p.Item.TenantId).Distinct().Count(), batchId);
            return new BatchOutcome(read, purged);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Purge batch {Batch} ({Kind}) stopped before it committed; it was rolled back", number, kind.Kind);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Purge batch {Batch} ({Kind}) failed and was rolled back; the next run tries again", number, kind.Kind);
            throw;
        }
    }

    private static PurgeCounts CountsOf(IReadOnlyList<PurgedItem> purged) => purged.Aggregate(PurgeCounts.None, (sum, p) => sum.Plus(p.Counts));

    private async Task ReleaseLeaseAsync()
    {
        try
        {
            await lease.ReleaseAsync(InstanceName, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The lease then simply expires; another instance takes over after Retention:LeaseDuration.
            logger.LogWarning(ex, "The purge lease could not be released");
        }
    }

    private sealed record BatchOutcome(DueRows Read, IReadOnlyList<PurgedItem> Purged, bool LeaseLost = false)
    {
        public static readonly BatchOutcome LostLease = new(new DueRows([], []), [], LeaseLost: true);
    }
}
