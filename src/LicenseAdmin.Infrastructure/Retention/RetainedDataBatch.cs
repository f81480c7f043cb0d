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

    public async Task<DueRows> ReadDueAsync(AppDbContext db, DateTime nowUtc, PurgeCursor? after, int? limit, CancellationToken cancellationToken)
    {
        var records = RetainedAndUp(db, nowUtc);
        if (after is { } cursor)
            // The first condition is implied by the second; it is there so the database starts its index walk at the cursor.
            records = records.Where(p => p.RetainedUntilUtc >= cursor.Time
                && (p.RetainedUntilUtc > cursor.Time || p.Id.CompareTo(cursor.Id) > 0));
        // (State, RetainedUntilUtc, Id) is the index's order, so a batch reads just its rows, without sorting the rest.
        var query = records.AsNoTracking().OrderBy(p => p.RetainedUntilUtc).ThenBy(p => p.Id)
            .Join(db.DirectoryUsers.IgnoreQueryFilters(), p => p.UserId, u => u.Id, (p, u) => new { Record = p, u.UserPrincipalName });
        var rows = await (limit is { } take ? query.Take(take) : query).ToListAsync(cancellationToken);
        if (rows.Count == 0) return DueRows.None;

        var due = rows.Where(r => r.Record.IsDueForPurge(nowUtc))
            .Select(r => new DueRow(r.Record.Id,
                new PurgeItem(r.Record.TenantId, PurgeKind.MailboxData, r.Record.UserId, r.UserPrincipalName, r.Record.RetainedUntilUtc!.Value)))
            .ToList();
        var last = rows[^1].Record;
        return new DueRows(due, new PurgeCursor(last.RetainedUntilUtc!.Value, last.Id));
    }

    public async Task<List<PurgedItem>> PurgeAsync(AppDbContext db, DateTime nowUtc, IReadOnlyList<DueRow> due, CancellationToken cancellationToken)
    {
        // EF.Parameter sends the ids as one JSON parameter (json_each, OPENJSON): one short statement whatever the batch
        // size, and never near SQL Server's 2,100 parameters.
        var ids = due.Select(r => r.RowId).ToList();
        var range = new KeyRange(KeyOf(due[0]), KeyOf(due[^1]));
        // One conditional UPDATE for the batch: a record whose license came back since it was read is Provisioned (or
        // retained again, until a later day), so it is left alone. On SQL Server the update also locks the rows it
        // changed until the batch commits.
        var changed = await range.Of(RetainedAndUp(db, nowUtc)).Where(p => EF.Parameter(ids).Contains(p.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, ProvisioningState.Purged)
                .SetProperty(p => p.ChangedUtc, nowUtc), cancellationToken);
        var purged = changed == ids.Count
            ? ids.ToHashSet()
            // Some changed since the read: those the update purged are the ones now purged at this run's time.
            : (await range.Of(db.ServiceProvisionings.IgnoreQueryFilters())
                .Where(p => EF.Parameter(ids).Contains(p.Id) && p.State == ProvisioningState.Purged && p.ChangedUtc == nowUtc)
                .Select(p => p.Id)
                .ToListAsync(cancellationToken)).ToHashSet();
        return due.Where(r => purged.Contains(r.RowId))
            .Select(r => new PurgedItem(r.Item, PurgeCounts.None with { Mailboxes = 1 }))
            .ToList();
    }

    private static PurgeCursor KeyOf(DueRow row) => new(row.Item.DueUtc, row.RowId);

    /// <summary>
    /// Retained records whose time is up: the query's form of <see cref="ServiceProvisioning.IsDueForPurge"/>, used to find
    /// them and to re-check them when they are purged.
    /// </summary>
    private static IQueryable<ServiceProvisioning> RetainedAndUp(AppDbContext db, DateTime nowUtc) =>
        db.ServiceProvisionings.IgnoreQueryFilters()
            .Where(p => p.State == ProvisioningState.Retained && p.RetainedUntilUtc <= nowUtc);

    /// <summary>
    /// The stretch of the index (retention end, then id) from a batch's first row to its last. Every statement on the batch
    /// names it besides the batch's ids: given a range of the index, SQLite walks that range; given only the state and
    /// time (its planner has no statistics), it would walk every row due after the batch too, each batch again.
    /// </summary>
    private sealed record KeyRange(PurgeCursor First, PurgeCursor Last)
    {
        public IQueryable<ServiceProvisioning> Of(IQueryable<ServiceProvisioning> records) =>
            First.Time == Last.Time
                // One retention end (one bulk license change): the id range keeps to the batch inside a large group.
                ? records.Where(p => p.RetainedUntilUtc == First.Time && p.Id.CompareTo(First.Id) >= 0 && p.Id.CompareTo(Last.Id) <= 0)
                // Several: the batch spans these times; the ids pick its rows among them.
                : records.Where(p => p.RetainedUntilUtc >= First.Time && p.RetainedUntilUtc <= Last.Time);
    }
}
