using LicenseAdmin.Infrastructure.Persistence;

namespace LicenseAdmin.Web;

/// <summary>Runs the database initializer when the host starts, before Kestrel takes requests.</summary>
internal sealed class DatabaseStartup(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
