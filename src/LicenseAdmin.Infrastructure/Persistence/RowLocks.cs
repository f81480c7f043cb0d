using System.Data.SqlTypes;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>
/// The one place that knows how each database locks rows a change is about to decide on. Taken inside the change's
/// transaction, before the rows are read, so the read after the lock sees what a racing change committed (both server
/// databases run read committed, where two transactions could otherwise both read "one global admin left" or "user
/// active" and both act on it).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>SQLite: nothing. A write transaction there already runs alone (one writer at a time).</item>
/// <item>PostgreSQL: <c>SELECT ... ORDER BY key FOR UPDATE</c>.</item>
/// <item>SQL Server: <c>SELECT ... WITH (UPDLOCK, ROWLOCK, HOLDLOCK) ... ORDER BY key</c>; HOLDLOCK keeps the range
/// locked too, so a row that would match cannot appear until the change commits.</item>
/// </list>
/// Every lock is taken in one fixed order, the key's order in the database, and long id lists go in chunks sorted the
/// same way, so two changes over overlapping rows queue instead of deadlocking. Should a deadlock still happen (a
/// trigger's locks, a lock escalation), the provider's execution strategy reruns the whole change (<see cref="WriteTransaction"/>).
/// </remarks>
internal static partial class RowLocks
{
    /// <summary>How a provider locks rows.</summary>
    public enum Form
    {
        /// <summary>SQLite: the write transaction already serialises.</summary>
        None,

        /// <summary>PostgreSQL.</summary>
        ForUpdate,

        /// <summary>SQL Server.</summary>
        UpdLock,
    }

    public static Form FormOf(AppDbContext db) =>
        db.Database.IsNpgsql() ? Form.ForUpdate : db.Database.IsSqlServer() ? Form.UpdLock : Form.None;

    /// <summary>Whether this database needs row locks at all (not on SQLite).</summary>
    public static bool Needed(AppDbContext db) => FormOf(db) != Form.None;

    /// <summary>
    /// Locks the rows of <paramref name="table"/> that match <paramref name="condition"/>, in <paramref name="key"/> order.
    /// The condition names columns in brackets (<c>[TenantId] = {0}</c>) and takes its values as <c>{0}</c>, <c>{1}</c>
    /// placeholders, which are sent as parameters.
    /// </summary>
    public static async Task LockWhereAsync(
        AppDbContext db, string table, string key, string condition, object[] values, CancellationToken cancellationToken)
    {
        if (Sql(FormOf(db), table, key, condition) is { } sql)
            await db.Database.SqlQueryRaw<Guid>(sql, values).ToListAsync(cancellationToken);
    }

    /// <summary>Locks the rows of <paramref name="table"/> whose <c>Id</c> is one of <paramref name="ids"/>, in id order.</summary>
    public static async Task LockIdsAsync(AppDbContext db, string table, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var form = FormOf(db);
        if (form == Form.None) return;
        var sql = Sql(form, table, "Id", IdListCondition(form, "Id"))!;
        foreach (var chunk in InLockOrder(form, ids).Chunk(IdChunks.Size))
            await db.Database.SqlQueryRaw<Guid>(sql, IdListValue(form, chunk)).ToListAsync(cancellationToken);
    }

    /// <summary>The locking statement of a provider, or null where none is needed. Column names in brackets, as in <paramref name="condition"/>.</summary>
    internal static string? Sql(Form form, string table, string key, string condition) => form switch
    {
        Form.ForUpdate => BracketedName().Replace(
            $"SELECT [{key}] AS [Value] FROM [{table}] WHERE {condition} ORDER BY [{key}] FOR UPDATE", "\"$1\""),
        Form.UpdLock => $"SELECT [{key}] AS [Value] FROM [{table}] WITH (UPDLOCK, ROWLOCK, HOLDLOCK) WHERE {condition} ORDER BY [{key}]",
        _ => null,
    };

    /// <summary>"The key is one of the ids in parameter {0}": a uuid[] on PostgreSQL, a JSON array on SQL Server.</summary>
    internal static string IdListCondition(Form form, string key) => form switch
    {
        Form.ForUpdate => $"[{key}] = ANY({{0}})",
        Form.UpdLock => $"[{key}] IN (SELECT CAST([value] AS uniqueidentifier) FROM OPENJSON({{0}}))",
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "SQLite takes no row locks."),
    };

    private static object IdListValue(Form form, Guid[] chunk) =>
        form == Form.UpdLock ? JsonSerializer.Serialize(chunk) : chunk;

    /// <summary>
    /// The ids in the order the database sorts them, so chunk after chunk continues the order each statement locks in:
    /// PostgreSQL compares uuids byte by byte, as .NET compares Guids; SQL Server compares the last six bytes first,
    /// as <see cref="SqlGuid"/> does.
    /// </summary>
    internal static IEnumerable<Guid> InLockOrder(Form form, IEnumerable<Guid> ids)
    {
        var distinct = ids.Distinct();
        return form == Form.UpdLock ? distinct.OrderBy(id => new SqlGuid(id)) : distinct.Order();
    }

    [GeneratedRegex(@"\[(\w+)\]")]
    private static partial Regex BracketedName();
}
