using System.Collections.Concurrent;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace LicenseAdmin.Infrastructure.Persistence.BulkRows;

/// <summary>
/// PostgreSQL's binary COPY on the transaction's own connection: the rows stream to the server in one command, with no
/// SQL to parse and no parameters per row, and roll back with the transaction like any INSERT. Row triggers (the license
/// count, decision 0006), constraints and unique indexes apply to copied rows as to inserted ones.
/// </summary>
internal sealed class PostgreSqlCopyRowWriter : IBulkRowWriter
{
    public static readonly PostgreSqlCopyRowWriter Instance = new();

    // Binary COPY sends no type with a value: each is written in its column's wire format, named once per column here.
    private static readonly ConcurrentDictionary<BulkRowTable, NpgsqlDbType[]> Types = new();

    public async Task WriteAsync(DbTransaction transaction, BulkRowTable table, IReadOnlyList<object> rows, int? timeoutSeconds, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)transaction.Connection!;
        var types = Types.GetOrAdd(table, static t => t.Columns.Select(c => WireType(t, c)).ToArray());
        await using var import = await connection.BeginBinaryImportAsync(
            $"COPY {table.QuotedName} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        if (timeoutSeconds is { } timeout) import.Timeout = TimeSpan.FromSeconds(timeout);
        foreach (var row in rows)
        {
            await import.StartRowAsync(cancellationToken);
            for (var column = 0; column < types.Length; column++)
            {
                var value = table.Columns[column].ProviderValueOf(row);
                if (value is DBNull) await import.WriteNullAsync(cancellationToken);
                else await import.WriteAsync(value, types[column], cancellationToken);
            }
        }
        await import.CompleteAsync(cancellationToken);
    }

    private static NpgsqlDbType WireType(BulkRowTable table, BulkRowColumn column) => column.Mapping.StoreTypeNameBase switch
    {
        "uuid" => NpgsqlDbType.Uuid,
        "text" => NpgsqlDbType.Text,
        "character varying" => NpgsqlDbType.Varchar,
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "smallint" => NpgsqlDbType.Smallint,
        "boolean" => NpgsqlDbType.Boolean,
        "numeric" => NpgsqlDbType.Numeric,
        "double precision" => NpgsqlDbType.Double,
        "bytea" => NpgsqlDbType.Bytea,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "timestamp without time zone" => NpgsqlDbType.Timestamp,
        var other => throw new NotSupportedException($"{table.Name}.{column.QuotedName} is stored as {other}, which the bulk writer does not copy yet."),
    };
}
