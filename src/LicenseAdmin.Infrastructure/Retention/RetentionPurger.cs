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
    private static readonly PurgeKind[] Order = [PurgeKind.MailboxData, PurgeKind.DeletedUser];

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
        var items = (await RetainedDataBatch.DueAsync(db, now, limit: null, cancellationToken))
            .Concat(await DeletedUserBatch.DueAsync(db, now, limit: null, cancellationToken))
            .ToList();
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
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Renewed before every batch, so a lease that expired while this instance stalled is noticed
                // before it writes again.
                if (batches > 0 && !await lease.TryTakeAsync(InstanceName, cancellationToken))
                {
                    logger.LogWarning("Retention purge stopped after {Batches} batches: the lease went to another instance", batches);
                    return new PurgeRunResult(PurgeRunOutcome.StoppedLeaseLost, total, items, batches, longest);
                }

                var started = clock.GetTimestamp();
                var purged = await RunBatchAsync(kind, batches + 1, now, cancellationToken);
                if (purged.Count == 0) break;

                batches++;
                longest = TimeSpan.FromTicks(Math.Max(longest.Ticks, clock.GetElapsedTime(started).Ticks));
                total = purged.Aggregate(total, (sum, p) => sum.Plus(p.Counts));
                items.AddRange(purged.Select(p => p.Item));
            }
        }

        logger.LogInformation(
            "Retention purge finished: {Mailboxes} mailboxes and {Users} deleted users purged in {Batches} batches, longest {LongestMs} ms",
            total.Mailboxes, total.Users, batches, (long)longest.TotalMilliseconds);
        return new PurgeRunResult(PurgeRunOutcome.Completed, total, items, batches, longest);
    }

    private async Task<IReadOnlyList<PurgedItem>> RunBatchAsync(PurgeKind kind, int number, DateTime now, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        try
        {
            await using var db = await contexts.ForSystemAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var batchSize = options.Value.BatchSize;
            var purged = kind == PurgeKind.MailboxData
                ? await RetainedDataBatch.PurgeAsync(db, now, batchSize, cancellationToken)
                : await DeletedUserBatch.PurgeAsync(db, now, batchSize, cancellationToken);
            if (purged.Count == 0) return purged;

            var batchId = Guid.NewGuid();
            PurgeAudit.Add(db, now, batchId, purged);
            await db.SaveChangesAsync(cancellationToken);
            var counts = purged.Aggregate(PurgeCounts.None, (sum, p) => sum.Plus(p.Counts));
            await observer.BeforeCommitAsync(new PurgeBatch(number, kind, counts), cancellationToken);
            // A stop requested during the batch wins over committing it: the batch rolls back and is done again next run.
            cancellationToken.ThrowIfCancellationRequested();
            await transaction.CommitAsync(cancellationToken);

            logger.LogInformation(
                "Purge batch {Batch} ({Kind}) committed in {ElapsedMs} ms: {Mailboxes} mailboxes, {Users} users, {Licenses} licenses, " +
                "{Installations} Office installations, {ProvisioningRecords} provisioning records deleted; {DocumentsKept} documents kept; " +
                "{Tenants} tenants, operation {OperationId}",
                number, kind, (long)clock.GetElapsedTime(started).TotalMilliseconds, counts.Mailboxes, counts.Users, counts.Licenses,
                counts.Installations, counts.ProvisioningRecords, counts.DocumentsKept, purged.Select(p => p.Item.TenantId).Distinct().Count(), batchId);
            return purged;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Purge batch {Batch} ({Kind}) stopped before it committed; it was rolled back", number, kind);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Purge batch {Batch} ({Kind}) failed and was rolled back; the next run tries again", number, kind);
            throw;
        }
    }

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
}
