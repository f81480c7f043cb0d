using LicenseAdmin.Infrastructure.Persistence;

namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>
/// One kind of purge, done in batches inside the caller's transaction: read the next due rows after a cursor, then purge
/// them with set-based statements, each row only if it is still due (a restore or a license given back that came first
/// wins).
/// </summary>
internal interface IPurgeKindBatch
{
    PurgeKind Kind { get; }

    /// <summary>
    /// About how many rows one item of this kind writes. A batch holds <c>Retention:BatchSize</c> divided by this many
    /// items, so batches of either kind take about as long.
    /// </summary>
    int RowsPerItem { get; }

    /// <summary>
    /// The next rows due now, oldest first, after <paramref name="after"/> (from the start when null); all of them when
    /// <paramref name="limit"/> is null. The query narrows the search; the domain decides what is due.
    /// </summary>
    Task<DueRows> ReadDueAsync(AppDbContext db, DateTime nowUtc, PurgeCursor? after, int? limit, CancellationToken cancellationToken);

    /// <summary>Purges the rows that are still due and returns those it purged, with what went with each.</summary>
    Task<List<PurgedItem>> PurgeAsync(AppDbContext db, DateTime nowUtc, IReadOnlyList<DueRow> due, CancellationToken cancellationToken);
}

/// <summary>
/// Where the next batch of a kind continues: after this row in the order the due query reads (time, then id). Reading on
/// from the last row seen, instead of from the start, means a row the batch left alone is not read again, and the index
/// walk starts where the previous batch ended.
/// </summary>
internal readonly record struct PurgeCursor(DateTime Time, Guid Id);

/// <summary>A due row: its id in its own table (the mailbox record or the user) and the item it stands for.</summary>
internal sealed record DueRow(Guid RowId, PurgeItem Item);

/// <summary>What one read found: the due rows, and the cursor after the last row read (null when nothing was left to read).</summary>
internal sealed record DueRows(IReadOnlyList<DueRow> Due, PurgeCursor? Next)
{
    public static readonly DueRows None = new([], null);
}
