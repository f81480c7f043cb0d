using LicenseAdmin.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Services.Seats;

/// <summary>
/// Runs <see cref="SeatCounterCheck"/> at start-up and then every <c>SeatCounters:CheckInterval</c>. Every instance of
/// a farm may run it: the check locks each tenant's counters, so two instances checking at once correct a drift once.
/// </summary>
public sealed class SeatCounterCheckService(
    SeatCounterCheck check, SeatCounterCheckOptions options, TimeProvider clock, ILogger<SeatCounterCheckService> logger)
    : PeriodicBackgroundJob(clock, logger)
{
    protected override TimeSpan Interval => options.Interval;

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        var corrected = await check.RunAsync(stoppingToken);
        if (corrected == 0) Logger.LogInformation("Seat counters checked: all match the real assignments");
    }

    protected override void LogFailure(Exception failure, TimeSpan nextTryIn) =>
        Logger.LogWarning(failure, "Seat counter check failed; next try in {Interval}", nextTryIn);
}
