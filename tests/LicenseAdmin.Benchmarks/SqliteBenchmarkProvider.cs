using System.Data.Common;
using System.Globalization;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;

namespace LicenseAdmin.Benchmarks;

/// <summary>A SQLite file in the temp folder; a copy is a file copy after a checkpoint.</summary>
public sealed class SqliteBenchmarkProvider : BenchmarkProvider
{
    public override string Name => "sqlite";

    public override string AppProvider => "Sqlite";

    public override string NewDatabase() => Path.Combine(Path.GetTempPath(), $"licenseadmin-bench-{Guid.NewGuid():N}.db");

    public override Dictionary<string, string?> SettingsFor(string database) => new()
    {
        ["Database:Provider"] = AppProvider,
        ["ConnectionStrings:Sqlite"] = ConnectionStringOf(database),
    };

    public override string ConnectionStringOf(string database) => $"Data Source={database}";

    /// <summary>With the app's connection settings (the memory map), so the floors and the app read alike.</summary>
    public override DbConnection Open(string database)
    {
        var connection = new SqliteConnection(ConnectionStringOf(database));
        connection.Open();
        SqliteMemoryMap.OfMegabytes(SqliteMemoryMap.DefaultMegabytes).Apply(connection);
        return connection;
    }

    /// <summary>Checkpointed first, so the copy holds every committed row.</summary>
    public override void Copy(string source, string target)
    {
        using (var connection = Open(source))
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        File.Copy(source, target);
    }

    public override void Drop(string database)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }

    public override void ReleaseConnections(string database) { }

    public override object Id(Guid id) => id.ToString().ToUpperInvariant();

    public override object Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public override string Literal(Guid id) => $"'{Id(id)}'";

    public override Guid ReadId(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    public override string NewIdSql =>
        "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-A' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";

    public override string Rows(int count) =>
        $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) SELECT i FROM n";

    public override DbTransaction BeginRead(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

    public override Task LoadAsync(DbConnection connection, DbTransaction transaction, string table, string[] columns, IReadOnlyList<object?[]> rows,
        CancellationToken cancellationToken)
    {
        using var insert = PreparedSql.Prepared(this, connection, transaction,
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})",
            columns.Select(c => "@" + c).ToArray());
        foreach (var row in rows) insert.Run(row.Select(v => v switch { null => DBNull.Value, Guid g => Id(g), DateTime t => Time(t), bool b => b ? 1 : 0, _ => v }).ToArray());
        return Task.CompletedTask;
    }
}
