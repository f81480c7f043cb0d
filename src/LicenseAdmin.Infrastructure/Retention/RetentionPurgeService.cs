using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>
/// Runs <see cref="RetentionPurger"/> at start-up and then every <see cref="RetentionOptions.Interval"/>. A failed run
/// is logged (by the purger) and tried again at the next interval; the service keeps running.
/// </summary>
public sealed class RetentionPurgeService(
    RetentionPurger purger, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("Retention purge is off on this instance (Retention:Enabled is false)");
            return;
        }

        // Lets the host finish starting before the first run touches the database.
        await Task.Yield();
        using var timer = new PeriodicTimer(settings.Interval, clock);
        try
        {
            do await RunOnceSafelyAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: the batch in progress was rolled back and the lease released.
        }
    }

    private async Task RunOnceSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await purger.RunOnceAsync(dryRun: false, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A failed batch is logged with its stack by the purger; this line says the service goes on.
            logger.LogWarning("Retention purge run failed ({Reason}); next try in {Interval}", ex.Message, options.Value.Interval);
        }
    }
}
