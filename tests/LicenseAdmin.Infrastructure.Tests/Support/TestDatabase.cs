using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LicenseAdmin.Infrastructure.Tests.Support;

/// <summary>
/// A real database of the provider under test (<see cref="TestProvider"/>: a SQLite file by default, a server database
/// on PostgreSQL or SQL Server) with the application's own service registrations (so the model, Identity options and
/// migrations are exactly the app's). Deleted on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly string _database;

    private TestDatabase(string database, ServiceProvider services, FakeTimeProvider clock)
    {
        _database = database;
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public TenantDbContextFactory Contexts => Services.GetRequiredService<TenantDbContextFactory>();

    // Seeding hashes eight demo passwords and writes 230 users; doing it once and copying the database keeps tests fast.
    private static readonly Lazy<Task<string>> DemoTemplate = new(async () =>
    {
        var template = await CreateFreshAsync(withDemoData: true, settings: null);
        await template.Services.DisposeAsync();
        TestProvider.ReleaseConnections(template._database);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TestProvider.Drop(template._database);
        return template._database;
    });

    /// <summary>Creates, migrates and seeds a database: the shipped catalog always, the demo tenants when asked.</summary>
    public static async Task<TestDatabase> CreateAsync(bool withDemoData = true, IDictionary<string, string?>? settings = null)
    {
        if (!withDemoData || settings is not null || !TestProvider.CopiesTemplates) return await CreateFreshAsync(withDemoData, settings);
        var database = TestProvider.NewDatabase(await DemoTemplate.Value);
        var services = BuildServices(SettingsFor(database, withDemoData: true, settings: null), out var clock);
        return new TestDatabase(database, services, clock);
    }

    private static async Task<TestDatabase> CreateFreshAsync(bool withDemoData, IDictionary<string, string?>? settings)
    {
        var name = TestProvider.NewDatabase(template: null);
        var services = BuildServices(SettingsFor(name, withDemoData, settings), out var clock);
        var database = new TestDatabase(name, services, clock);
        try
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
        return database;
    }

    private static Dictionary<string, string?> SettingsFor(string database, bool withDemoData, IDictionary<string, string?>? settings)
    {
        var values = TestProvider.SettingsFor(database);
        values["Demo:Enabled"] = withDemoData ? "true" : "false";
        values["Demo:Password"] = "Test-password-2026";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return values;
    }

    /// <summary>The connection string of this test's database, for a test that opens its own connections.</summary>
    public string ConnectionString => TestProvider.ConnectionStringOf(_database);

    /// <summary>Another instance of the application on the same database, as a second server of a farm.</summary>
    public ServiceProvider AnotherInstance(out FakeTimeProvider clock, IDictionary<string, string?>? settings = null)
    {
        var services = BuildServices(SettingsFor(_database, withDemoData: false, settings), out clock);
        clock.SetUtcNow(Clock.GetUtcNow());
        return services;
    }

    public static ServiceProvider BuildServices(IDictionary<string, string?> settings, out FakeTimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddLicenseAdminInfrastructure(configuration);
        services.AddLicenseAdminIdentity();
        clock = new FakeTimeProvider(Start);
        services.AddSingleton<TimeProvider>(clock);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        TestProvider.Drop(_database);
    }
}
