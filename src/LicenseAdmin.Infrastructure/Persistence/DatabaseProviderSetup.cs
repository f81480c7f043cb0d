using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>Chooses SQLite or SQL Server and the matching migrations assembly from configuration.</summary>
public static class DatabaseProviderSetup
{
    public const string SqliteMigrationsAssembly = "LicenseAdmin.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "LicenseAdmin.Migrations.SqlServer";
    public const string DefaultSqliteConnection = "Data Source=licenseadmin.db";

    /// <summary>Reads and validates the provider name; throws <see cref="DatabaseConfigurationException"/> for anything else.</summary>
    public static string ProviderName(IConfiguration configuration)
    {
        var provider = configuration[$"{DatabaseOptions.Section}:Provider"];
        if (string.IsNullOrWhiteSpace(provider)) return DatabaseOptions.Sqlite;
        if (provider.Equals(DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase)) return DatabaseOptions.Sqlite;
        if (provider.Equals(DatabaseOptions.SqlServer, StringComparison.OrdinalIgnoreCase)) return DatabaseOptions.SqlServer;
        throw DatabaseConfigurationException.UnknownProvider(provider);
    }

    public static void Configure(DbContextOptionsBuilder options, IConfiguration configuration)
    {
        switch (ProviderName(configuration))
        {
            case DatabaseOptions.SqlServer:
                var sqlServer = configuration.GetConnectionString(DatabaseOptions.SqlServer);
                if (string.IsNullOrWhiteSpace(sqlServer))
                    throw new DatabaseConfigurationException(
                        "Database:Provider is SqlServer but ConnectionStrings:SqlServer is empty. Set it (environment ConnectionStrings__SqlServer).");
                options.UseSqlServer(sqlServer, sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly));
                break;
            default:
                var sqlite = configuration.GetConnectionString(DatabaseOptions.Sqlite);
                options.UseSqlite(string.IsNullOrWhiteSpace(sqlite) ? DefaultSqliteConnection : sqlite,
                    sql => sql.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
        }
    }
}
