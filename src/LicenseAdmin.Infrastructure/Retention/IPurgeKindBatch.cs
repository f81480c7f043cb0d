using LicenseAdmin.Infrastructure.Persistence;

namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>
/// One kind of purge, done in batches inside the caller's transaction: read the next due rows, then purge them with
/// set-based statements, each row only if it is still due (a restore or a license given back that came first wins).
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
    /// The next rows due now, oldest first, without the rows in <paramref name="leftAlone"/>; all of them when
    /// <paramref name="limit"/> is null. The query narrows the search; the domain decides what is due.
    /// </summary>
    /// <remarks>
    /// A purged row is no longer due, so the next read starts where this one ended without a cursor. Rows of the same
    /// time come in the order the database keeps them (its row order on SQLite, the clustered id on SQL Server), so a
    /// batch changes neighbouring rows on few pages: in id order, each batch of a large group touched almost every page
    /// of the table and wrote about three times as much.
    /// </remarks>
    Task<DueRows> ReadDueAsync(AppDbContext db, DateTime nowUtc, IReadOnlyCollection<Guid> leftAlone, int? limit, CancellationToken cancellationToken);

    /// <summary>Purges the rows that are still due and returns those it purged, with what went with each.</summary>
    Task<List<PurgedItem>> PurgeAsync(AppDbContext db, DateTime nowUtc, IReadOnlyList<DueRow> due, CancellationToken cancellationToken);
}

/// <summary>A due row: its id in its own table (the mailbox record or the user) and the item it stands for.</summary>
internal sealed record DueRow(Guid RowId, PurgeItem Item);

/// <summary>
/// What one read found: the rows due, and the ids of rows the query found but the domain did not consider due (the run
/// leaves them alone, so the next read moves past them).
/// </summary>
internal sealed record DueRows(IReadOnlyList<DueRow> Due, IReadOnlyList<Guid> NotDue)
{
    public bool FoundNothing => Due.Count == 0 && NotDue.Count == 0;
}
