using System.Data.Common;
using LicenseAdmin.Infrastructure;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// One database of the chosen provider with the application's own registrations (model, migrations, services) over it.
/// Copies of a seeded template give every measured write a fresh, identical database.
/// </summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    private BenchmarkDatabase(BenchmarkProvider provider, string name)
    {
        Provider = provider;
        Name = name;
        Services = BuildServices(provider, name);
    }

    public BenchmarkProvider Provider { get; }

    /// <summary>The SQLite file path or the server database's name.</summary>
    public string Name { get; }

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A plain connection for the floors, with the app's connection settings, so both read alike.</summary>
    public DbConnection OpenConnection() => Provider.Open(Name);

    /// <summary>The application's settings for this database (for hosting the portal on it).</summary>
    public Dictionary<string, string?> Settings => Provider.SettingsFor(Name);

    /// <summary>Migrates a new database through the app's initializer with demo data off (the shipped catalog is imported).</summary>
    public static async Task<BenchmarkDatabase> CreateEmptyAsync(BenchmarkProvider provider)
    {
        var database = new BenchmarkDatabase(provider, provider.NewDatabase());
        await using var scope = database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return database;
    }

    /// <summary>A copy of this database (nothing may write to this one meanwhile).</summary>
    public BenchmarkDatabase Copy()
    {
        var name = Provider.NewDatabase();
        Provider.Copy(Name, name);
        return new BenchmarkDatabase(Provider, name);
    }

    private static ServiceProvider BuildServices(BenchmarkProvider provider, string name)
    {
        var settings = provider.SettingsFor(name);
        settings["Demo:Enabled"] = "false";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
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
        Provider.Drop(Name);
    }
}
