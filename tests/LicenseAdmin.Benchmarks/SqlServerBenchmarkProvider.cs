using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// Databases on a SQL Server (the connection string names a server database to connect to, like <c>master</c>, and a
/// login that may create, back up and restore databases). Rows are loaded with bulk copy (triggers fired); a copy is a
/// copy-only backup restored under a new name, in the server's default backup and data folders.
/// </summary>
public sealed class SqlServerBenchmarkProvider(string serverConnection) : BenchmarkProvider
{
    public override string Name => "sqlserver";

    public override string AppProvider => "SqlServer";

    public override string NewDatabase() => $"licenseadmin_bench_{Guid.NewGuid():N}";

    public override string ConnectionStringOf(string database) =>
        new SqlConnectionStringBuilder(serverConnection) { InitialCatalog = database }.ConnectionString;

    public override DbConnection Open(string database)
    {
        var connection = new SqlConnection(ConnectionStringOf(database));
        connection.Open();
        return connection;
    }

    public override void Copy(string source, string target)
    {
        ReleaseConnections(source);
        using var connection = new SqlConnection(serverConnection);
        connection.Open();
        var backup = $"{source}.bak";
        Sql.Execute(connection, null, $"BACKUP DATABASE [{source}] TO DISK = N'{backup}' WITH COPY_ONLY, INIT");
        var dataPath = Convert.ToString(Sql.Command(connection, null, "SELECT CAST(SERVERPROPERTY('InstanceDefaultDataPath') AS nvarchar(4000))").ExecuteScalar());
        var moves = new List<string>();
        using (var files = Sql.Command(connection, null, $"RESTORE FILELISTONLY FROM DISK = N'{backup}'"))
        using (var reader = files.ExecuteReader())
            while (reader.Read())
            {
                var logical = reader.GetString(reader.GetOrdinal("LogicalName"));
                var extension = reader.GetString(reader.GetOrdinal("Type")) == "L" ? "ldf" : "mdf";
                moves.Add($"MOVE N'{logical}' TO N'{dataPath}{target}_{logical}.{extension}'");
            }
        Sql.Execute(connection, null, $"RESTORE DATABASE [{target}] FROM DISK = N'{backup}' WITH {string.Join(", ", moves)}");
    }

    public override void Drop(string database)
    {
        ReleaseConnections(database);
        using var connection = new SqlConnection(serverConnection);
        connection.Open();
        Sql.Execute(connection, null,
            $"IF DB_ID(N'{database}') IS NOT NULL BEGIN ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}]; END");
    }

    public override void ReleaseConnections(string database) => SqlConnection.ClearPool(new SqlConnection(ConnectionStringOf(database)));

    public override bool PreparesCommands => false;

    public override string Page(int take, int skip) => $"OFFSET {skip} ROWS FETCH NEXT {take} ROWS ONLY";

    public override string Concat(params string[] parts) => $"CONCAT({string.Join(", ", parts)})";

    public override string NewIdSql => "NEWID()";

    public override string Rows(int count) =>
        $"SELECT TOP ({count}) ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS i FROM sys.all_objects a CROSS JOIN sys.all_objects b";

    public override string GainProvisioningSql =>
        "MERGE \"ServiceProvisionings\" WITH (HOLDLOCK) AS p USING (SELECT @u AS \"UserId\", @f AS \"Family\") AS s " +
        "ON p.\"UserId\" = s.\"UserId\" AND p.\"Family\" = s.\"Family\" " +
        "WHEN MATCHED AND p.\"State\" <> 'Provisioned' THEN UPDATE SET \"State\" = 'Provisioned', \"RetainedUntilUtc\" = NULL, \"ChangedUtc\" = @now " +
        "WHEN NOT MATCHED THEN INSERT (\"Id\", \"TenantId\", \"UserId\", \"Family\", \"State\", \"RetainedUntilUtc\", \"ChangedUtc\") " +
        "VALUES (@id, @t, @u, @f, 'Provisioned', NULL, @now);";

    public override async Task LoadAsync(DbConnection connection, DbTransaction transaction, string table, string[] columns,
        IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        using var data = new DataTable(table);
        for (var i = 0; i < columns.Length; i++)
        {
            var type = rows.Select(r => r[i]?.GetType()).FirstOrDefault(t => t is not null) ?? typeof(string);
            data.Columns.Add(columns[i], type);
        }
        foreach (var row in rows) data.Rows.Add(row.Select(v => v ?? DBNull.Value).ToArray());
        using var bulk = new SqlBulkCopy((SqlConnection)connection, SqlBulkCopyOptions.FireTriggers | SqlBulkCopyOptions.CheckConstraints,
            (SqlTransaction)transaction) { DestinationTableName = $"[{table}]", BatchSize = 10_000, BulkCopyTimeout = 0 };
        foreach (var column in columns) bulk.ColumnMappings.Add(column, column);
        await bulk.WriteToServerAsync(data, cancellationToken);
    }
}
