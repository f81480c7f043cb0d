using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>
/// One purge runner in a farm. The database serialises the conditional UPDATE on the lease row on SQLite and SQL
/// Server alike, so of two instances asking at once exactly one gets it; the row is inserted by whoever comes first
/// (its primary key stops a second insert).
/// </summary>
public sealed class PurgeLeaseStore(TenantDbContextFactory contexts, TimeProvider clock, IOptions<RetentionOptions> options)
{
    public const string RetentionPurge = "retention-purge";

    /// <summary>Takes the lease if it is free or expired, or renews it if <paramref name="holder"/> has it.</summary>
    public async Task<bool> TryTakeAsync(string holder, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        if (await TryRenewAsync(db, holder, cancellationToken)) return true;
        if (await db.PurgeLeases.AnyAsync(l => l.Name == RetentionPurge, cancellationToken)) return false;

        var expires = clock.GetUtcNow().UtcDateTime + options.Value.LeaseDuration;
        db.PurgeLeases.Add(new PurgeLease(RetentionPurge, holder, expires));
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

    /// <summary>
    /// Takes the existing lease row if it is free or expired, or renews it if <paramref name="holder"/> has it, in the
    /// caller's context (and transaction, if one is open).
    /// </summary>
    public async Task<bool> TryRenewAsync(AppDbContext db, string holder, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + options.Value.LeaseDuration;
        var taken = await db.PurgeLeases
            .Where(l => l.Name == RetentionPurge && (l.ExpiresUtc < now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresUtc, expires), cancellationToken);
        return taken == 1;
    }

    /// <summary>Lets another instance take over at once; does nothing if the lease went to someone else.</summary>
    public async Task ReleaseAsync(string holder, CancellationToken cancellationToken)
    {
        var expired = clock.GetUtcNow().UtcDateTime.AddTicks(-1);
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        await db.PurgeLeases.Where(l => l.Name == RetentionPurge && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresUtc, expired), cancellationToken);
    }

    public async Task<PurgeLease?> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        return await db.PurgeLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == RetentionPurge, cancellationToken);
    }
}
