using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;

namespace LicenseAdmin.Infrastructure.Persistence.BulkRows;

/// <summary>
/// Plain <c>INSERT INTO t (...) VALUES (...), (...)</c>, which SQLite, SQL Server and PostgreSQL all run; only the rows per
/// command differ (<see cref="InsertBatching"/>). Each parameter is made by the column's type mapping, as EF makes it.
/// </summary>
internal sealed class StatementRowWriter(InsertBatching batching) : IBulkRowWriter
{
    private static readonly ConcurrentDictionary<(string Table, int Columns, int Rows), string> Sql = new();

    public async Task WriteAsync(DbTransaction transaction, BulkRowTable table, IReadOnlyList<object> rows, int? timeoutSeconds, CancellationToken cancellationToken)
    {
        DbCommand? command = null;
        try
        {
            foreach (var chunk in rows.Chunk(batching.RowsPerCommand(table.Columns.Count)))
            {
                if (command is not null && batching.RebindsParameters && command.Parameters.Count == chunk.Length * table.Columns.Count)
                {
                    Rebind(table, command, chunk);
                }
                else
                {
                    if (command is not null) await command.DisposeAsync();
                    command = NewCommand(table, transaction, chunk, timeoutSeconds);
                }
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            if (command is not null) await command.DisposeAsync();
        }
    }

    /// <summary>A command for these rows, each parameter made by the column's type mapping from its value, as EF makes them.</summary>
    private static DbCommand NewCommand(BulkRowTable table, DbTransaction transaction, IReadOnlyList<object> rows, int? timeoutSeconds)
    {
        var columns = table.Columns;
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql.GetOrAdd((table.QuotedName, columns.Count, rows.Count), static (key, t) => InsertSql(t, key.Rows), table);
        if (timeoutSeconds is { } timeout) command.CommandTimeout = timeout;
        for (var row = 0; row < rows.Count; row++)
        {
            for (var column = 0; column < columns.Count; column++)
            {
                var target = columns[column];
                command.Parameters.Add(target.Mapping.CreateParameter(command, ParameterName(row * columns.Count + column), target.ValueOf(rows[row]), target.IsNullable));
            }
        }
        return command;
    }

    /// <summary>Puts the next rows' values into a command made for as many rows; its prepared statement stays.</summary>
    private static void Rebind(BulkRowTable table, DbCommand command, IReadOnlyList<object> rows)
    {
        var columns = table.Columns;
        for (var row = 0; row < rows.Count; row++)
            for (var column = 0; column < columns.Count; column++)
                command.Parameters[row * columns.Count + column].Value = columns[column].ProviderValueOf(rows[row]);
    }

    private static string InsertSql(BulkRowTable table, int rowCount)
    {
        var columns = table.Columns.Count;
        var text = new StringBuilder($"INSERT INTO {table.QuotedName} ({table.ColumnList}) VALUES ");
        for (var row = 0; row < rowCount; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            text.AppendJoin(", ", Enumerable.Range(0, columns).Select(column => ParameterName(row * columns + column)));
            text.Append(')');
        }
        return text.ToString();
    }

    private static string ParameterName(int index) => $"@p{index}";
}
