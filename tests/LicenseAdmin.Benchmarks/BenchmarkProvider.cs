using System.Data.Common;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// What differs between the databases the benchmark runs on: where a database lives and how it is copied, how values
/// are stored (the raw SQL must write what the model reads), the few SQL forms that are not common to all three, and
/// how many rows are loaded fast (the seeder). Every identifier in the benchmark's SQL is in double quotes and every
/// parameter is named <c>@name</c>, which SQLite, PostgreSQL and SQL Server all read.
/// </summary>
public abstract class BenchmarkProvider
{
    /// <summary>The name on the command line: sqlite, postgres, sqlserver.</summary>
    public abstract string Name { get; }

    /// <summary>The application's <c>Database:Provider</c> value.</summary>
    public abstract string AppProvider { get; }

    /// <summary>A name (or SQLite file path) for a new database; nothing is created yet.</summary>
    public abstract string NewDatabase();

    /// <summary>The application's settings that point it at <paramref name="database"/>.</summary>
    public virtual Dictionary<string, string?> SettingsFor(string database) => new()
    {
        ["Database:Provider"] = AppProvider,
        [$"ConnectionStrings:{AppProvider}"] = ConnectionStringOf(database),
        ["Database:MigrateOnStartup"] = "true",
    };

    public abstract string ConnectionStringOf(string database);

    /// <summary>A plain connection, opened, with the app's connection settings.</summary>
    public abstract DbConnection Open(string database);

    /// <summary>Copies a seeded database that nothing is writing to (and, on the servers, no pooled connection holds).</summary>
    public abstract void Copy(string source, string target);

    public abstract void Drop(string database);

    /// <summary>Closes the idle pooled connections to <paramref name="database"/> (a template must have none).</summary>
    public abstract void ReleaseConnections(string database);

    /// <summary>A key as the model stores it (SQLite: upper-case text).</summary>
    public virtual object Id(Guid id) => id;

    /// <summary>A UTC time as the model stores it (SQLite: text).</summary>
    public virtual object Time(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    /// <summary>A key as a SQL literal, for id lists written into the text.</summary>
    public virtual string Literal(Guid id) => $"'{id}'";

    /// <summary>Reads a key column.</summary>
    public virtual Guid ReadId(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    /// <summary>Whether commands are prepared once and re-bound per row (SQL Server wants sizes for that; it is left out there).</summary>
    public virtual bool PreparesCommands => true;

    /// <summary>The page clause after an ORDER BY.</summary>
    public virtual string Page(int take, int skip) => $"LIMIT {take} OFFSET {skip}";

    /// <summary>Text concatenation of the given SQL expressions.</summary>
    public virtual string Concat(params string[] parts) => string.Join(" || ", parts);

    /// <summary>An expression that makes a new random key.</summary>
    public abstract string NewIdSql { get; }

    /// <summary>A query of <paramref name="count"/> rows (for inserting that many rows in one statement).</summary>
    public abstract string Rows(int count);

    /// <summary>A provisioning row for a family the user gains: a new row, or the old one provisioned again.</summary>
    public virtual string GainProvisioningSql =>
        "INSERT INTO \"ServiceProvisionings\" (\"Id\", \"TenantId\", \"UserId\", \"Family\", \"State\", \"RetainedUntilUtc\", \"ChangedUtc\") " +
        "VALUES (@id, @t, @u, @f, 'Provisioned', NULL, @now) " +
        "ON CONFLICT (\"UserId\", \"Family\") DO UPDATE SET \"State\" = 'Provisioned', \"RetainedUntilUtc\" = NULL, \"ChangedUtc\" = @now " +
        "WHERE \"ServiceProvisionings\".\"State\" <> 'Provisioned'";

    /// <summary>A transaction for a consistent read (the grid's floor): SQLite's deferred one takes no write lock.</summary>
    public virtual DbTransaction BeginRead(DbConnection connection) => connection.BeginTransaction();

    /// <summary>
    /// Loads many rows into <paramref name="table"/> in the fastest way the database offers (SQLite: one prepared insert
    /// re-bound per row; PostgreSQL: binary COPY; SQL Server: bulk copy), firing the tables' triggers (the license counts).
    /// </summary>
    public abstract Task LoadAsync(DbConnection connection, DbTransaction transaction, string table, string[] columns, IReadOnlyList<object?[]> rows,
        CancellationToken cancellationToken);

    public static readonly IReadOnlyList<string> Names = ["sqlite", "postgres", "sqlserver"];

    /// <summary>The provider named on the command line, or null for an unknown name.</summary>
    public static BenchmarkProvider? Of(string name, string? connection) => name.ToLowerInvariant() switch
    {
        "sqlite" => new SqliteBenchmarkProvider(),
        "postgres" or "postgresql" => new PostgreSqlBenchmarkProvider(connection ?? PostgreSqlBenchmarkProvider.DefaultServer()),
        "sqlserver" when connection is not null => new SqlServerBenchmarkProvider(connection),
        _ => null,
    };
}
