using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LicenseAdmin.Infrastructure.Tests.Support;

/// <summary>
/// A real SQLite file in the temp folder with the application's own service registrations
/// (so the model, Identity options and migrations are exactly the app's). Deleted on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly string _path;

    private TestDatabase(string path, ServiceProvider services, FakeTimeProvider clock)
    {
        _path = path;
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public TenantDbContextFactory Contexts => Services.GetRequiredService<TenantDbContextFactory>();

    // Seeding hashes eight demo passwords and writes 230 users; doing it once and copying the file keeps tests fast.
    private static readonly Lazy<Task<string>> DemoTemplate = new(async () =>
    {
        var template = await CreateFreshAsync(withDemoData: true, settings: null);
        await template.Services.DisposeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(template._path);
        return template._path;
    });

    /// <summary>Creates, migrates and seeds a database: the shipped catalog always, the demo tenants when asked.</summary>
    public static async Task<TestDatabase> CreateAsync(bool withDemoData = true, IDictionary<string, string?>? settings = null)
    {
        if (!withDemoData || settings is not null) return await CreateFreshAsync(withDemoData, settings);
        var path = NewPath();
        File.Copy(await DemoTemplate.Value, path);
        var services = BuildServices(SettingsFor(path, withDemoData: true, settings: null), out var clock);
        return new TestDatabase(path, services, clock);
    }

    private static string NewPath() => Path.Combine(Path.GetTempPath(), $"licenseadmin-test-{Guid.NewGuid():N}.db");

    private static async Task<TestDatabase> CreateFreshAsync(bool withDemoData, IDictionary<string, string?>? settings)
    {
        var path = NewPath();
        var services = BuildServices(SettingsFor(path, withDemoData, settings), out var clock);
        var database = new TestDatabase(path, services, clock);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return database;
    }

    private static Dictionary<string, string?> SettingsFor(string path, bool withDemoData, IDictionary<string, string?>? settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={path};Pooling=False",
            ["Demo:Enabled"] = withDemoData ? "true" : "false",
            ["Demo:Password"] = "Test-password-2026",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return values;
    }

    /// <summary>Another instance of the application on the same database file, as a second server of a farm.</summary>
    public ServiceProvider AnotherInstance(out FakeTimeProvider clock)
    {
        var services = BuildServices(SettingsFor(_path, withDemoData: false, settings: null), out clock);
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
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}
