using System.Data.Common;
using Npgsql;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// Databases on a PostgreSQL server (the connection string names a server database to connect to, like <c>postgres</c>,
/// and a role that may create databases). Rows are loaded with binary COPY; a copy is <c>CREATE DATABASE ... TEMPLATE</c>.
/// </summary>
public sealed class PostgreSqlBenchmarkProvider(string serverConnection) : BenchmarkProvider
{
    public const string ServerVariable = "LICENSEADMIN_BENCH_POSTGRESQL";

    /// <summary>The server from <c>LICENSEADMIN_BENCH_POSTGRESQL</c>, else the tests' <c>LICENSEADMIN_TEST_POSTGRESQL</c>, else a local default.</summary>
    public static string DefaultServer() =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable("LICENSEADMIN_TEST_POSTGRESQL") is { Length: > 0 } test ? test
        : "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";

    public override string Name => "postgres";

    public override string AppProvider => "PostgreSql";

    public override string NewDatabase() => $"licenseadmin_bench_{Guid.NewGuid():N}";

    public override string ConnectionStringOf(string database) =>
        new NpgsqlConnectionStringBuilder(serverConnection) { Database = database }.ConnectionString;

    public override DbConnection Open(string database)
    {
        var connection = new NpgsqlConnection(ConnectionStringOf(database));
        connection.Open();
        return connection;
    }

    public override void Copy(string source, string target)
    {
        ReleaseConnections(source);
        using var connection = new NpgsqlConnection(serverConnection);
        connection.Open();
        // FILE_COPY (PostgreSQL 15 on) copies the files after a checkpoint instead of logging every page.
        var strategy = connection.PostgreSqlVersion.Major >= 15 ? " STRATEGY = FILE_COPY" : "";
        Sql.Execute(connection, null, $"CREATE DATABASE \"{target}\" TEMPLATE \"{source}\"{strategy}");
    }

    public override void Drop(string database)
    {
        ReleaseConnections(database);
        using var connection = new NpgsqlConnection(serverConnection);
        connection.Open();
        Sql.Execute(connection, null, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    public override void ReleaseConnections(string database) => NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionStringOf(database)));

    public override string NewIdSql => "gen_random_uuid()";

    public override string Rows(int count) => $"SELECT i FROM generate_series(1, {count}) AS n(i)";

    public override async Task LoadAsync(DbConnection connection, DbTransaction transaction, string table, string[] columns,
        IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var value in row)
            {
                switch (value)
                {
                    case null: await importer.WriteNullAsync(cancellationToken); break;
                    case Guid id: await importer.WriteAsync(id, NpgsqlTypes.NpgsqlDbType.Uuid, cancellationToken); break;
                    case DateTime time: await importer.WriteAsync(DateTime.SpecifyKind(time, DateTimeKind.Utc), NpgsqlTypes.NpgsqlDbType.TimestampTz, cancellationToken); break;
                    case string text: await importer.WriteAsync(text, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken); break;
                    case bool flag: await importer.WriteAsync(flag, NpgsqlTypes.NpgsqlDbType.Boolean, cancellationToken); break;
                    case int number: await importer.WriteAsync(number, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken); break;
                    case long number: await importer.WriteAsync(number, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken); break;
                    default: throw new NotSupportedException($"No COPY type for {value.GetType().Name}");
                }
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }
}
