using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>The database cannot be reached or opened; the message names the provider and the cause.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>Creates and migrates the database, then seeds the shipped catalog and (if enabled) the demo tenants.</summary>
public sealed class DatabaseInitializer(
    TenantDbContextFactory contexts,
    CatalogImporter catalog,
    DemoDataSeeder demo,
    IConfiguration configuration,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var provider = DatabaseProviderSetup.ProviderName(configuration);
        var migrate = provider == DatabaseOptions.Sqlite ||
                      configuration.GetValue<bool>($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.MigrateOnStartup)}");
        try
        {
            await using var db = await contexts.ForSystemAsync(cancellationToken);
            if (migrate)
            {
                await db.Database.MigrateAsync(cancellationToken);
                if (provider == DatabaseOptions.Sqlite)
                {
                    // Write-ahead logging lets readers (the grid) go on while a license change writes.
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                }
                logger.LogInformation("Database ({Provider}) is migrated to the latest version", provider);
            }
            else if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                throw new InvalidOperationException("the server did not accept a connection");
            }
            await Identity.RecoveryCodeUpgrade.HashPlainCodesAsync(db, logger, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DatabaseUnavailableException)
        {
            throw new DatabaseUnavailableException(
                $"Cannot open the {provider} database: {ex.GetBaseException().Message} " +
                $"Check ConnectionStrings:{provider} and that the database is reachable.", ex);
        }

        await catalog.SeedShippedCatalogIfEmptyAsync(cancellationToken);
        await demo.SeedIfEmptyAsync(cancellationToken);
    }
}
