using System.Data.Common;
using System.Diagnostics;
using LicenseAdmin.Infrastructure.Persistence.BulkRows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>
/// Inserts many new rows inside the context's open transaction without the change tracker, which for tens of thousands
/// of rows costs several times what the database does. Table, columns, value conversions and types come from the EF
/// model (<see cref="BulkRowTable"/>), so each row is stored exactly as SaveChanges would store it; the provider's
/// <see cref="IBulkRowWriter"/> sends them (decision 0024).
/// </summary>
internal static class BulkInsert
{
    public static Task InsertAsync<TEntity>(AppDbContext db, IReadOnlyList<TEntity> entities, CancellationToken cancellationToken)
        where TEntity : class =>
        InsertAsync(db, entities, WriterFor(db), cancellationToken);

    /// <summary>With INSERT statements batched as <paramref name="batching"/> says, whatever the provider (tests run SQL Server's form on the others).</summary>
    public static Task InsertAsync<TEntity>(
        AppDbContext db, IReadOnlyList<TEntity> entities, InsertBatching batching, CancellationToken cancellationToken)
        where TEntity : class =>
        InsertAsync(db, entities, new StatementRowWriter(batching), cancellationToken);

    private static IBulkRowWriter WriterFor(AppDbContext db) =>
        db.Database.IsNpgsql() ? PostgreSqlCopyRowWriter.Instance
        : db.Database.IsSqlServer() ? new StatementRowWriter(InsertBatching.SqlServer)
        : new StatementRowWriter(InsertBatching.Sqlite);

    private static async Task InsertAsync<TEntity>(AppDbContext db, IReadOnlyList<TEntity> entities, IBulkRowWriter writer, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (entities.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the transaction of the change they belong to.");

        var table = BulkRowTable.Of(db, typeof(TEntity));
        foreach (var row in entities) db.GuardTenant(row);
        var watch = Stopwatch.StartNew();
        try
        {
            await writer.WriteAsync(transaction, table, (IReadOnlyList<object>)entities, db.Database.GetCommandTimeout(), cancellationToken);
        }
        catch (DbException ex)
        {
            // Reported as SaveChanges reports it, so callers treat a unique-index conflict alike however the row was written.
            throw new DbUpdateException($"Inserting {table.Name} rows failed: {ex.Message}", ex);
        }

        // One line per bulk insert beside EF's own commands (BENCH_LOG_SQL shows both).
        db.GetService<IDiagnosticsLogger<DbLoggerCategory.Database.Command>>().Logger
            .LogInformation("Bulk insert of {Rows} {Table} rows in {Milliseconds} ms", entities.Count, table.Name, watch.ElapsedMilliseconds);
    }
}
