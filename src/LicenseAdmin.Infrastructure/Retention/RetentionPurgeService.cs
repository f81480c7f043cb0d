using LicenseAdmin.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>
/// Runs <see cref="RetentionPurger"/> at start-up and then every <see cref="RetentionOptions.Interval"/>, unless
/// <c>Retention:Enabled</c> is false on this instance. A cancelled batch is rolled back and its lease released.
/// </summary>
public sealed class RetentionPurgeService(
    RetentionPurger purger, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionPurgeService> logger)
    : PeriodicBackgroundJob(clock, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override bool IsEnabled
    {
        get
        {
            if (!options.Value.Enabled) Logger.LogInformation("Retention purge is off on this instance (Retention:Enabled is false)");
            return options.Value.Enabled;
        }
    }

    protected override Task RunOnceAsync(CancellationToken stoppingToken) => purger.RunOnceAsync(dryRun: false, stoppingToken);

    // A failed batch is logged with its stack by the purger; this line says the service goes on.
    protected override void LogFailure(Exception failure, TimeSpan nextTryIn) =>
        Logger.LogWarning("Retention purge run failed ({Reason}); next try in {Interval}", failure.Message, nextTryIn);
}
