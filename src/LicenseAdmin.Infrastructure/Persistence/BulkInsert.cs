using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>
/// Inserts many new rows inside the context's open transaction without the change tracker, which for tens of thousands
/// of rows costs several times what the database does. Table, columns, value conversions and parameter types come from
/// the EF model, so each row is stored exactly as SaveChanges would store it. The SQL is a plain
/// <c>INSERT INTO t (...) VALUES (...), (...)</c> that SQLite, SQL Server and PostgreSQL all run; only the rows per command differ
/// (<see cref="InsertBatching"/>).
/// </summary>
internal static class BulkInsert
{
    public static Task InsertAsync<TEntity>(AppDbContext db, IReadOnlyList<TEntity> entities, CancellationToken cancellationToken)
        where TEntity : class =>
        InsertAsync(db, entities, InsertBatching.For(db), cancellationToken);

    public static async Task InsertAsync<TEntity>(
        AppDbContext db, IReadOnlyList<TEntity> entities, InsertBatching batching, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (entities.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the transaction of the change they belong to.");

        var table = InsertTable.Of(db, typeof(TEntity));
        var watch = Stopwatch.StartNew();
        DbCommand? command = null;
        try
        {
            foreach (var rows in entities.Chunk(batching.RowsPerCommand(table.Columns.Count)))
            {
                foreach (var row in rows) db.GuardTenant(row);
                if (command is not null && batching.RebindsParameters && command.Parameters.Count == rows.Length * table.Columns.Count)
                {
                    table.Rebind(command, rows);
                }
                else
                {
                    if (command is not null) await command.DisposeAsync();
                    command = table.NewCommand(transaction, rows, db.Database.GetCommandTimeout());
                }
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (DbException ex)
        {
            // Reported as SaveChanges reports it, so callers treat a unique-index conflict alike however the row was written.
            throw new DbUpdateException($"Inserting {table.Name} rows failed: {ex.Message}", ex);
        }
        finally
        {
            if (command is not null) await command.DisposeAsync();
        }

        // One line per bulk insert beside EF's own commands (BENCH_LOG_SQL shows both).
        db.GetService<IDiagnosticsLogger<DbLoggerCategory.Database.Command>>().Logger
            .LogInformation("Bulk insert of {Rows} {Table} rows in {Milliseconds} ms", entities.Count, table.Name, watch.ElapsedMilliseconds);
    }

    private sealed record InsertColumn(string QuotedName, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool IsNullable)
    {
        public object? ValueOf(object entity) => Getter.GetClrValueUsingContainingEntity(entity);

        /// <summary>The value as the provider stores it (what <see cref="RelationalTypeMapping.CreateParameter"/> does to a value).</summary>
        public object ProviderValueOf(object entity)
        {
            var value = ValueOf(entity);
            if (value is Enum && Mapping.Converter is null) value = Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()));
            if (Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
            return value ?? DBNull.Value;
        }
    }

    /// <summary>The columns a new row of an entity type fills (store-generated keys excepted) and the INSERT for n rows.</summary>
    private sealed class InsertTable(string name, string quotedTable, IReadOnlyList<InsertColumn> columns)
    {
        // Built once per entity type of a model (the model, and so its entity types, differ per provider).
        private static readonly ConcurrentDictionary<IEntityType, InsertTable> Tables = new();
        private readonly ConcurrentDictionary<int, string> _sqlByRowCount = new();

        public string Name { get; } = name;
        public IReadOnlyList<InsertColumn> Columns { get; } = columns;

        public static InsertTable Of(AppDbContext db, Type clrType)
        {
            var entityType = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model.");
            return Tables.GetOrAdd(entityType, static (type, sql) => Build(type, sql), db.GetService<ISqlGenerationHelper>());
        }

        private static InsertTable Build(IEntityType entityType, ISqlGenerationHelper sql)
        {
            var clrType = entityType.ClrType;
            var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{clrType.Name} is not mapped to a table.");
            var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
            var columns = entityType.GetProperties()
                .Where(p => p.ValueGenerated == ValueGenerated.Never)
                .Select(p => p.IsShadowProperty()
                    ? throw new InvalidOperationException($"{clrType.Name}.{p.Name} is a shadow property; bulk inserts read values from the entity.")
                    : new InsertColumn(sql.DelimitIdentifier(p.GetColumnName(table)!), p.GetRelationalTypeMapping(), p.GetGetter(), p.IsNullable))
                .ToList();
            return new InsertTable(tableName, sql.DelimitIdentifier(tableName, entityType.GetSchema()), columns);
        }

        /// <summary>A command for these rows, each parameter made by the column's type mapping from its value, as EF makes them.</summary>
        public DbCommand NewCommand(DbTransaction transaction, IReadOnlyList<object> rows, int? timeoutSeconds)
        {
            var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = InsertSql(rows.Count);
            if (timeoutSeconds is { } timeout) command.CommandTimeout = timeout;
            for (var row = 0; row < rows.Count; row++)
            {
                for (var column = 0; column < Columns.Count; column++)
                {
                    var target = Columns[column];
                    command.Parameters.Add(target.Mapping.CreateParameter(
                        command, ParameterName(row, column), target.ValueOf(rows[row]), target.IsNullable));
                }
            }
            return command;
        }

        /// <summary>Puts the next rows' values into a command made for as many rows; its prepared statement stays.</summary>
        public void Rebind(DbCommand command, IReadOnlyList<object> rows)
        {
            for (var row = 0; row < rows.Count; row++)
                for (var column = 0; column < Columns.Count; column++)
                    command.Parameters[row * Columns.Count + column].Value = Columns[column].ProviderValueOf(rows[row]);
        }

        private string InsertSql(int rowCount) => _sqlByRowCount.GetOrAdd(rowCount, BuildInsertSql);

        private string BuildInsertSql(int rowCount)
        {
            var text = new StringBuilder($"INSERT INTO {quotedTable} ({string.Join(", ", Columns.Select(c => c.QuotedName))}) VALUES ");
            for (var row = 0; row < rowCount; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                text.AppendJoin(", ", Enumerable.Range(0, Columns.Count).Select(column => ParameterName(row, column)));
                text.Append(')');
            }
            return text.ToString();
        }

        private string ParameterName(int row, int column) => $"@p{row * Columns.Count + column}";
    }
}

/// <summary>How many rows one INSERT command carries, and whether a command is reused for the next rows.</summary>
/// <param name="MaxRowsPerCommand">At most this many rows per command.</param>
/// <param name="MaxParametersPerCommand">At most this many parameters per command.</param>
/// <param name="RebindsParameters">Whether the next rows reuse the command, with new values in its parameters.</param>
internal sealed record InsertBatching(int MaxRowsPerCommand, int MaxParametersPerCommand, bool RebindsParameters)
{
    /// <summary>
    /// SQLite runs in the process, so a command costs no round trip: one single-row INSERT, prepared once and re-bound per
    /// row, is its fastest form (measured 10,000 audit entries: about 0.2 s, against 0.7-1.5 s for multi-row commands,
    /// which SQLite slows by finding each named parameter with a linear search).
    /// </summary>
    public static readonly InsertBatching Sqlite = new(1, int.MaxValue, RebindsParameters: true);

    /// <summary>
    /// SQL Server pays a round trip per command: as many rows as its limits allow (1,000 rows per VALUES list, 2,100
    /// parameters), each command's parameters made afresh so their sizes fit their values.
    /// </summary>
    public static readonly InsertBatching SqlServer = new(1000, 2000, RebindsParameters: false);

    /// <summary>
    /// PostgreSQL, like SQL Server, pays a round trip per command; it takes up to 65,535 parameters per command, so the
    /// rows per command are capped at 1,000 and the parameters well below that limit.
    /// </summary>
    public static readonly InsertBatching PostgreSql = new(1000, 30000, RebindsParameters: false);

    public static InsertBatching For(AppDbContext db) =>
        db.Database.IsSqlServer() ? SqlServer : db.Database.IsNpgsql() ? PostgreSql : Sqlite;

    public int RowsPerCommand(int columns) => Math.Max(1, Math.Min(MaxRowsPerCommand, MaxParametersPerCommand / columns));
}
