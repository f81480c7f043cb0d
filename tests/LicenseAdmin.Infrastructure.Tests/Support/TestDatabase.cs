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

    /// <summary>Creates, migrates and seeds a database: the shipped catalog always, the demo tenants when asked.</summary>
    public static async Task<TestDatabase> CreateAsync(bool withDemoData = true, IDictionary<string, string?>? settings = null)
    {
        var path = NewPath();
        // Seeding hashes the demo passwords and writes a few thousand rows; tests that only need the demo
        // tenants start from a copy of one seeded file instead (the initializer then finds nothing to do).
        if (withDemoData && settings is null) CopyDatabase(await DemoTemplate.Value, path);
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={path};Pooling=False",
            ["Demo:Enabled"] = withDemoData ? "true" : "false",
            ["Demo:Password"] = "Test-password-2026",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var services = BuildServices(values, out var clock);
        var database = new TestDatabase(path, services, clock);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return database;
    }

    private static readonly Lazy<Task<string>> DemoTemplate = new(CreateDemoTemplateAsync);

    private static async Task<string> CreateDemoTemplateAsync()
    {
        var template = await CreateAsync(withDemoData: true, new Dictionary<string, string?>());
        await template.Services.DisposeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(template._path);
        return template._path;
    }

    private static string NewPath() => Path.Combine(Path.GetTempPath(), $"licenseadmin-test-{Guid.NewGuid():N}.db");

    private static void CopyDatabase(string from, string to)
    {
        foreach (var suffix in new[] { "", "-wal" })
            if (File.Exists(from + suffix)) File.Copy(from + suffix, to + suffix);
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
