using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Retention;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Groups;

/// <summary>
/// One group license processor in a farm, with the purge's lease mechanism: a named row of the same lease table, taken
/// and renewed with a conditional UPDATE (so of two instances exactly one gets it), expiring when its holder dies.
/// </summary>
public sealed class GroupLicensingLease(TenantDbContextFactory contexts, TimeProvider clock, GroupLicensingOptions options)
{
    public const string Name = "group-licensing";

    public async Task<bool> TryTakeAsync(string holder, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        if (await TryRenewAsync(db, holder, cancellationToken)) return true;
        if (await db.PurgeLeases.AnyAsync(l => l.Name == Name, cancellationToken)) return false;

        db.PurgeLeases.Add(new PurgeLease(Name, holder, clock.GetUtcNow().UtcDateTime + options.LeaseDuration));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the row a moment earlier: it holds the lease.
            return false;
        }
    }

    /// <summary>Renews the lease in the caller's context and transaction; false when another instance has taken it.</summary>
    public async Task<bool> TryRenewAsync(AppDbContext db, string holder, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + options.LeaseDuration;
        var taken = await db.PurgeLeases
            .Where(l => l.Name == Name && (l.ExpiresUtc < now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresUtc, expires), cancellationToken);
        return taken == 1;
    }

    public async Task ReleaseAsync(string holder, CancellationToken cancellationToken)
    {
        var expired = clock.GetUtcNow().UtcDateTime.AddTicks(-1);
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        await db.PurgeLeases.Where(l => l.Name == Name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresUtc, expired), cancellationToken);
    }
}
