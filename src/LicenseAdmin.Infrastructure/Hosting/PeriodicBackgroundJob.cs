using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Hosting;

/// <summary>
/// The one loop of the portal's background jobs: run once at start-up, then every <see cref="Interval"/>. A failed
/// run is logged and tried again at the next interval, so one bad run never stops the job; shutdown ends it quietly.
/// </summary>
public abstract class PeriodicBackgroundJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected ILogger Logger => logger;

    /// <summary>Time between runs; read once when the job starts.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>False when this instance is configured not to run the job at all (it then logs why and ends).</summary>
    protected virtual bool IsEnabled => true;

    /// <summary>One run of the job. A run cancelled by shutdown must leave nothing half-written (each job's own transactions).</summary>
    protected abstract Task RunOnceAsync(CancellationToken stoppingToken);

    /// <summary>Logs a failed run; the job goes on at the next interval.</summary>
    protected abstract void LogFailure(Exception failure, TimeSpan nextTryIn);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsEnabled) return;

        // Lets the host finish starting before the first run touches the database.
        await Task.Yield();
        var interval = Interval;
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do await RunOnceSafelyAsync(interval, stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: the run in progress was rolled back by its own transaction.
        }
    }

    private async Task RunOnceSafelyAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailure(ex, interval);
        }
    }
}
