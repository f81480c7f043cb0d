using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>One purge runner in a farm (<see cref="FarmLease"/>, named <see cref="RetentionPurge"/>).</summary>
public sealed class PurgeLeaseStore(TenantDbContextFactory contexts, TimeProvider clock, IOptions<RetentionOptions> options)
{
    public const string RetentionPurge = "retention-purge";

    private readonly FarmLease _lease = new(contexts, clock, RetentionPurge, () => options.Value.LeaseDuration);

    /// <summary>Takes the lease if it is free or expired, or renews it if <paramref name="holder"/> has it.</summary>
    public Task<bool> TryTakeAsync(string holder, CancellationToken cancellationToken) => _lease.TryTakeAsync(holder, cancellationToken);

    /// <summary>Takes or renews the existing lease row in the caller's context (and transaction, if one is open).</summary>
    public Task<bool> TryRenewAsync(AppDbContext db, string holder, CancellationToken cancellationToken) =>
        _lease.TryRenewAsync(db, holder, cancellationToken);

    /// <summary>Lets another instance take over at once; does nothing if the lease went to someone else.</summary>
    public Task ReleaseAsync(string holder, CancellationToken cancellationToken) => _lease.ReleaseAsync(holder, cancellationToken);

    public Task<PurgeLease?> CurrentAsync(CancellationToken cancellationToken) => _lease.CurrentAsync(cancellationToken);
}
