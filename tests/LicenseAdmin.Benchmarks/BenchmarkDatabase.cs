using LicenseAdmin.Infrastructure;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// One SQLite file with the application's own registrations (model, migrations, services) over it.
/// Copies of a seeded template give every measured write a fresh, identical database.
/// </summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    private BenchmarkDatabase(string path)
    {
        Path = path;
        Services = BuildServices(path);
    }

    public string Path { get; }
    public ServiceProvider Services { get; }
    public string ConnectionString => $"Data Source={Path}";

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A plain connection for the floors, with the app's connection settings (the memory map), so both read alike.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        DatabaseProviderSetup.SqliteMemoryMapOf(Get<IConfiguration>()).Apply(connection);
        return connection;
    }

    /// <summary>Migrates a new file through the app's initializer with demo data off (the shipped catalog is imported).</summary>
    public static async Task<BenchmarkDatabase> CreateEmptyAsync()
    {
        var database = new BenchmarkDatabase(NewPath());
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return database;
    }

    /// <summary>A copy of this database's file (checkpointed first, so the copy holds every committed row).</summary>
    public BenchmarkDatabase Copy()
    {
        using (var connection = OpenConnection())
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        var path = NewPath();
        File.Copy(Path, path);
        return new BenchmarkDatabase(path);
    }

    private static string NewPath() => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"licenseadmin-bench-{Guid.NewGuid():N}.db");

    private static ServiceProvider BuildServices(string path)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={path}",
            ["Demo:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Error);
            // BENCH_LOG_SQL=1 prints every command EF Core runs, with its time, to find round trips and slow statements.
            if (Environment.GetEnvironmentVariable("BENCH_LOG_SQL") == "1")
                logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information).AddSimpleConsole();
        });
        services.AddLicenseAdminInfrastructure(configuration);
        services.AddLicenseAdminIdentity();
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}
