using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>Chooses SQLite, SQL Server or PostgreSQL and the matching migrations assembly from configuration.</summary>
public static class DatabaseProviderSetup
{
    public const string SqliteMigrationsAssembly = "LicenseAdmin.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "LicenseAdmin.Migrations.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "LicenseAdmin.Migrations.PostgreSql";
    public const string DefaultSqliteConnection = "Data Source=licenseadmin.db";

    /// <summary>Reads and validates the provider name; throws <see cref="DatabaseConfigurationException"/> for anything else.</summary>
    public static string ProviderName(IConfiguration configuration)
    {
        var provider = configuration[$"{DatabaseOptions.Section}:Provider"];
        if (string.IsNullOrWhiteSpace(provider)) return DatabaseOptions.Sqlite;
        if (provider.Equals(DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase)) return DatabaseOptions.Sqlite;
        if (provider.Equals(DatabaseOptions.SqlServer, StringComparison.OrdinalIgnoreCase)) return DatabaseOptions.SqlServer;
        if (provider.Equals(DatabaseOptions.PostgreSql, StringComparison.OrdinalIgnoreCase)) return DatabaseOptions.PostgreSql;
        throw DatabaseConfigurationException.UnknownProvider(provider);
    }

    /// <summary>Database:SqliteMemoryMapMb (default 256); a negative or non-numeric value stops start-up naming the key.</summary>
    public static SqliteMemoryMap SqliteMemoryMapOf(IConfiguration configuration)
    {
        var key = $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.SqliteMemoryMapMb)}";
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text)) return SqliteMemoryMap.OfMegabytes(SqliteMemoryMap.DefaultMegabytes);
        if (!int.TryParse(text, out var megabytes) || megabytes < 0)
            throw new DatabaseConfigurationException($"{key} must be a whole number of megabytes, 0 or more (0 turns mapping off); '{text}' is not.");
        return SqliteMemoryMap.OfMegabytes(megabytes);
    }

    /// <summary>A server provider's connection string; an empty one stops start-up naming the key.</summary>
    public static string ServerConnectionString(IConfiguration configuration, string provider)
    {
        var connectionString = configuration.GetConnectionString(provider);
        if (string.IsNullOrWhiteSpace(connectionString)) throw DatabaseConfigurationException.MissingConnectionString(provider);
        return connectionString;
    }

    public static void Configure(DbContextOptionsBuilder options, IConfiguration configuration)
    {
        switch (ProviderName(configuration))
        {
            // The server databases retry transient failures (a deadlock victim, a serialization failure, a dropped
            // connection: SQL Server's 1205 and PostgreSQL's 40P01 and 40001 among them) so they never reach a user; a
            // write that needs its own transaction runs it through WriteTransaction, which reruns the whole unit.
            case DatabaseOptions.SqlServer:
                options.UseSqlServer(ServerConnectionString(configuration, DatabaseOptions.SqlServer),
                    sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly).EnableRetryOnFailure());
                break;
            case DatabaseOptions.PostgreSql:
                options.UseNpgsql(ServerConnectionString(configuration, DatabaseOptions.PostgreSql),
                    sql => sql.MigrationsAssembly(PostgreSqlMigrationsAssembly).EnableRetryOnFailure());
                break;
            default:
                var sqlite = configuration.GetConnectionString(DatabaseOptions.Sqlite);
                options.UseSqlite(string.IsNullOrWhiteSpace(sqlite) ? DefaultSqliteConnection : sqlite,
                    sql => sql.MigrationsAssembly(SqliteMigrationsAssembly));
                options.AddInterceptors(SqliteMemoryMapOf(configuration));
                break;
        }
    }
}
