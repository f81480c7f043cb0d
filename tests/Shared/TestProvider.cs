using Microsoft.Data.SqlClient;
using Npgsql;

namespace LicenseAdmin.Tests.Shared;

/// <summary>
/// The database the database tests run on, chosen by the environment, so one test code runs on every provider:
/// <c>LICENSEADMIN_TEST_PROVIDER</c> is <c>Sqlite</c> (the default), <c>PostgreSql</c> or <c>SqlServer</c>; a server
/// provider also needs <c>LICENSEADMIN_TEST_POSTGRESQL</c> or <c>LICENSEADMIN_TEST_SQLSERVER</c>, a connection string
/// to a server where the tests may create and drop databases (./test.sh starts a throwaway PostgreSQL for it).
/// Each test gets a database of its own: a SQLite file, or a server database that is dropped afterwards.
/// </summary>
public static class TestProvider
{
    public const string Variable = "LICENSEADMIN_TEST_PROVIDER";
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";
    public const string SqlServer = "SqlServer";

    /// <summary>The trait that keeps a provider-specific test out of the other providers' runs: [Trait(TestProvider.Trait, TestProvider.Sqlite)].</summary>
    public const string Trait = "Provider";

    public static string Name { get; } = Read();

    public static bool IsSqlite => Name == Sqlite;

    /// <summary>PostgreSQL copies a migrated, seeded database in a moment (CREATE DATABASE ... TEMPLATE); SQL Server has no such copy.</summary>
    public static bool CopiesTemplates => Name is Sqlite or PostgreSql;

    private static string Read()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(value)) return Sqlite;
        foreach (var known in new[] { Sqlite, PostgreSql, SqlServer })
            if (value.Equals(known, StringComparison.OrdinalIgnoreCase)) return known;
        throw new InvalidOperationException($"{Variable} is '{value}'; use {Sqlite}, {PostgreSql} or {SqlServer}.");
    }

    private static string ServerVariable => Name == PostgreSql ? "LICENSEADMIN_TEST_POSTGRESQL" : "LICENSEADMIN_TEST_SQLSERVER";

    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is {Name} but {ServerVariable} (a connection string to the test server) is not set.");

    /// <summary>A new database name (lower case, so PostgreSQL needs no quoting rules beyond the usual).</summary>
    public static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>The configuration that points the application at a database (a SQLite file path or a server database name).</summary>
    public static Dictionary<string, string?> SettingsFor(string database) => Name switch
    {
        Sqlite => new()
        {
            ["Database:Provider"] = Sqlite,
            ["ConnectionStrings:Sqlite"] = $"Data Source={database};Pooling=False",
        },
        _ => new()
        {
            ["Database:Provider"] = Name,
            [$"ConnectionStrings:{Name}"] = ConnectionStringOf(database),
            // The server databases are created by the tests; the app migrates them as an operator's start-up would.
            ["Database:MigrateOnStartup"] = "true",
        },
    };

    public static string ConnectionStringOf(string database) => Name switch
    {
        PostgreSql => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString,
        SqlServer => new SqlConnectionStringBuilder(ServerConnectionString) { InitialCatalog = database }.ConnectionString,
        _ => $"Data Source={database}",
    };

    /// <summary>A new database for one test: a copy of the template when given (SQLite file copy, PostgreSQL TEMPLATE), else empty.</summary>
    public static string NewDatabase(string? template)
    {
        if (IsSqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"licenseadmin-test-{Guid.NewGuid():N}.db");
            if (template is not null) File.Copy(template, path);
            return path;
        }
        var name = NewName("la_test");
        if (template is not null) CreateFromTemplate(name, template);
        return name;
    }

    /// <summary>Makes a database usable as a template: no pooled connection to it may stay open while it is copied.</summary>
    public static void ReleaseConnections(string database)
    {
        if (Name == PostgreSql) NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionStringOf(database)));
        else if (Name == SqlServer) SqlConnection.ClearPool(new SqlConnection(ConnectionStringOf(database)));
    }

    private static void CreateFromTemplate(string name, string template)
    {
        if (Name != PostgreSql) throw new InvalidOperationException($"{Name} cannot copy a template database.");
        using var connection = new NpgsqlConnection(ServerConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
        command.ExecuteNonQuery();
    }

    /// <summary>Deletes a test's database (its file, or the server database with any connection still open to it).</summary>
    public static void Drop(string database)
    {
        if (IsSqlite)
        {
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
                if (File.Exists(file)) File.Delete(file);
            return;
        }
        ReleaseConnections(database);
        if (Name == PostgreSql)
        {
            using var connection = new NpgsqlConnection(ServerConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }
        else
        {
            using var connection = new SqlConnection(ServerConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"IF DB_ID(N'{database}') IS NOT NULL BEGIN ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}]; END";
            command.ExecuteNonQuery();
        }
    }
}
