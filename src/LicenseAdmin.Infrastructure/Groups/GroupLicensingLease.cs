using LicenseAdmin.Infrastructure.Persistence;

namespace LicenseAdmin.Infrastructure.Groups;

/// <summary>One group license processor in a farm, with the purge's lease mechanism (<see cref="FarmLease"/>).</summary>
public sealed class GroupLicensingLease(TenantDbContextFactory contexts, TimeProvider clock, GroupLicensingOptions options)
{
    public const string Name = "group-licensing";

    private readonly FarmLease _lease = new(contexts, clock, Name, () => options.LeaseDuration);

    public Task<bool> TryTakeAsync(string holder, CancellationToken cancellationToken) => _lease.TryTakeAsync(holder, cancellationToken);

    /// <summary>Renews the lease in the caller's context and transaction; false when another instance has taken it.</summary>
    public Task<bool> TryRenewAsync(AppDbContext db, string holder, CancellationToken cancellationToken) =>
        _lease.TryRenewAsync(db, holder, cancellationToken);

    public Task ReleaseAsync(string holder, CancellationToken cancellationToken) => _lease.ReleaseAsync(holder, cancellationToken);
}
