using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>Purges retained service data (mailboxes) whose 30 days are over, one batch inside the caller's transaction.</summary>
internal sealed class RetainedDataBatch : IPurgeKindBatch
{
    public PurgeKind Kind => PurgeKind.MailboxData;

    /// <summary>A mailbox's purge changes its one record.</summary>
    public int RowsPerItem => 1;

    public async Task<DueRows> ReadDueAsync(
        AppDbContext db, DateTime nowUtc, IReadOnlyCollection<Guid> leftAlone, int? limit, CancellationToken cancellationToken)
    {
        var records = RetainedAndUp(db, nowUtc);
        if (leftAlone.Count > 0) records = records.Where(p => !EF.Parameter(leftAlone).Contains(p.Id));
        // By time only: the purge index (retained records by time) then gives the records of one time in storage order.
        var query = records.AsNoTracking().OrderBy(p => p.RetainedUntilUtc)
            .Join(db.DirectoryUsers.IgnoreQueryFilters(), p => p.UserId, u => u.Id, (p, u) => new { Record = p, u.UserPrincipalName });
        var rows = await (limit is { } take ? query.Take(take) : query).ToListAsync(cancellationToken);

        var isDue = rows.ToLookup(r => r.Record.IsDueForPurge(nowUtc));
        return new DueRows(
            isDue[true].Select(r => new DueRow(r.Record.Id,
                new PurgeItem(r.Record.TenantId, PurgeKind.MailboxData, r.Record.UserId, r.UserPrincipalName, r.Record.RetainedUntilUtc!.Value)))
                .ToList(),
            isDue[false].Select(r => r.Record.Id).ToList());
    }

    public async Task<List<PurgedItem>> PurgeAsync(AppDbContext db, DateTime nowUtc, IReadOnlyList<DueRow> due, CancellationToken cancellationToken)
    {
        // EF.Parameter sends the ids as one JSON parameter (json_each, OPENJSON): one short statement whatever the batch
        // size, and never near SQL Server's 2,100 parameters.
        var ids = due.Select(r => r.RowId).ToList();
        // One conditional UPDATE for the batch: a record whose license came back since it was read is Provisioned (or
        // retained again, until a later day), so it is left alone. On SQL Server the update also locks the rows it
        // changed until the batch commits.
        var changed = await RetainedAndUp(db, nowUtc).Where(p => EF.Parameter(ids).Contains(p.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, ProvisioningState.Purged)
                .SetProperty(p => p.ChangedUtc, nowUtc), cancellationToken);
        var purged = changed == ids.Count
            ? ids.ToHashSet()
            // Some changed since the read: those the update purged are the ones now purged at this run's time.
            : (await db.ServiceProvisionings.IgnoreQueryFilters()
                .Where(p => EF.Parameter(ids).Contains(p.Id) && p.State == ProvisioningState.Purged && p.ChangedUtc == nowUtc)
                .Select(p => p.Id)
                .ToListAsync(cancellationToken)).ToHashSet();
        return due.Where(r => purged.Contains(r.RowId))
            .Select(r => new PurgedItem(r.Item, PurgeCounts.None with { Mailboxes = 1 }))
            .ToList();
    }

    /// <summary>
    /// Retained records whose time is up: the query's form of <see cref="ServiceProvisioning.IsDueForPurge"/>, used to find
    /// them and to re-check them when they are purged.
    /// </summary>
    private static IQueryable<ServiceProvisioning> RetainedAndUp(AppDbContext db, DateTime nowUtc) =>
        db.ServiceProvisionings.IgnoreQueryFilters()
            .Where(p => p.State == ProvisioningState.Retained && p.RetainedUntilUtc <= nowUtc);
}
