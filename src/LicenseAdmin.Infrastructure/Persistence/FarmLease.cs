using LicenseAdmin.Infrastructure.Retention;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>
/// One runner of a background job in a farm: a named row of the lease table (<see cref="PurgeLease"/>), taken and
/// renewed with a conditional UPDATE. The database serialises that UPDATE on every provider, so of two instances asking
/// at once exactly one gets it; the row is inserted by whoever comes first (its primary key stops a second insert), and
/// it expires when its holder dies. The retention purge and the group license processor each hold one by name.
/// </summary>
public sealed class FarmLease(TenantDbContextFactory contexts, TimeProvider clock, string name, Func<TimeSpan> duration)
{
    public string Name => name;

    /// <summary>Takes the lease if it is free or expired, or renews it if <paramref name="holder"/> has it.</summary>
    public async Task<bool> TryTakeAsync(string holder, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        if (await TryRenewAsync(db, holder, cancellationToken)) return true;
        if (await db.PurgeLeases.AnyAsync(l => l.Name == name, cancellationToken)) return false;

        db.PurgeLeases.Add(new PurgeLease(name, holder, clock.GetUtcNow().UtcDateTime + duration()));
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
    /// caller's context (and transaction, if one is open); false when another instance has it.
    /// </summary>
    public async Task<bool> TryRenewAsync(AppDbContext db, string holder, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + duration();
        var taken = await db.PurgeLeases
            .Where(l => l.Name == name && (l.ExpiresUtc < now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresUtc, expires), cancellationToken);
        return taken == 1;
    }

    /// <summary>Lets another instance take over at once; does nothing if the lease went to someone else.</summary>
    public async Task ReleaseAsync(string holder, CancellationToken cancellationToken)
    {
        var expired = clock.GetUtcNow().UtcDateTime.AddTicks(-1);
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        await db.PurgeLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresUtc, expired), cancellationToken);
    }

    public async Task<PurgeLease?> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        return await db.PurgeLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == name, cancellationToken);
    }
}
