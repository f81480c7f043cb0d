using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Retention;
using LicenseAdmin.Infrastructure.Services.Account;
using LicenseAdmin.Infrastructure.Services.Apps;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Catalog;
using LicenseAdmin.Infrastructure.Services.Dashboard;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Office;
using LicenseAdmin.Infrastructure.Services.Seats;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Infrastructure.Services.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Infrastructure;

public static class InfrastructureServices
{
    /// <summary>
    /// Registers persistence and the application services. Throws for an unknown Database:Provider or a bad
    /// Retention:* or SeatCounters:* value. The purge's and the seat counter check's hosted services are added by the
    /// host, after the database start-up.
    /// </summary>
    public static IServiceCollection AddLicenseAdminInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        // Fail at start-up, not at the first query, when the provider name or the SQLite memory map is wrong.
        DatabaseProviderSetup.ProviderName(configuration);
        DatabaseProviderSetup.SqliteMemoryMapOf(configuration);

        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        // Read now, so a bad Retention:* value stops start-up with a message naming the key.
        services.AddSingleton(Options.Create(RetentionOptions.Read(configuration)));
        services.AddSingleton(SeatCounterCheckOptions.Read(configuration));
        services.AddSingleton(Groups.GroupLicensingOptions.Read(configuration));
        // A singleton factory for short-lived contexts (Blazor circuits, background work) and a scoped
        // context for Identity's stores, which expect one per request.
        services.AddDbContextFactory<AppDbContext>(options => DatabaseProviderSetup.Configure(options, configuration));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddSingleton<TenantDbContextFactory>();
        services.AddSingleton(TimeProvider.System);

        services.AddTransient<CatalogImporter>();
        services.AddTransient<DemoDataSeeder>();
        services.AddTransient<DatabaseInitializer>();
        services.AddTransient<SeatSummaryService>();
        services.AddTransient<AuditedChanges>();
        services.AddTransient<LicenseService>();
        services.AddTransient<OfficeInstallationService>();
        services.AddTransient<UserDirectoryService>();
        services.AddTransient<UserDetailsService>();
        services.AddTransient<LicenseCatalogService>();
        services.AddTransient<DashboardService>();
        services.AddTransient<Services.Spend.IdleSpendService>();
        services.AddTransient<UserService>();
        services.AddTransient<Services.Users.Import.UserImportService>();
        services.AddTransient<Services.Mfa.MfaEnrolmentCheck>();
        services.AddTransient<Services.Mfa.SecuritySettingsService>();
        services.AddTransient<SubscriptionService>();
        services.AddTransient<AuditLogService>();
        services.AddTransient<MyAccountService>();
        services.AddTransient<DeletedUserDirectoryService>();
        services.AddTransient<ProductHoldersService>();
        services.AddTransient<ApiAppService>();
        services.AddTransient<ApiAppSignIn>();
        services.AddTransient<UserQueryService>();
        services.AddTransient<Services.Groups.GroupService>();
        services.AddTransient<Services.Groups.GroupQueryService>();
        services.AddSingleton<Groups.GroupLicensingLease>();
        services.AddSingleton<Groups.GroupLicenseProcessor>();
        services.AddSingleton<Tokens.SigningKeyStore>();
        services.AddSingleton<PurgeLeaseStore>();
        services.AddSingleton<RetentionPurger>();
        services.AddSingleton<SeatCounterCheck>();
        services.TryAddSingleton<IPurgeBatchObserver, NoPurgeBatchObserver>();
        return services;
    }
}
