using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Services.Seats;

/// <summary>
/// Runs <see cref="SeatCounterCheck"/> at start-up and then every <c>SeatCounters:CheckInterval</c>. A failed run is
/// logged and tried again at the next interval; the service keeps running. Every instance of a farm may run it: the
/// check locks each tenant's counters, so two instances checking at once correct a drift once.
/// </summary>
public sealed class SeatCounterCheckService(
    SeatCounterCheck check, SeatCounterCheckOptions options, TimeProvider clock, ILogger<SeatCounterCheckService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Lets the host finish starting before the first run touches the database.
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Interval, clock);
        try
        {
            do await RunOnceSafelyAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: a tenant's check in progress was rolled back.
        }
    }

    private async Task RunOnceSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            var corrected = await check.RunAsync(stoppingToken);
            if (corrected == 0) logger.LogInformation("Seat counters checked: all match the real assignments");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Seat counter check failed; next try in {Interval}", options.Interval);
        }
    }
}
