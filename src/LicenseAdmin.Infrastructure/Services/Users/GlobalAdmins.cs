using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>
/// The "never the last global admin" rule (docs/product-rules.md, "Protecting admins from themselves"). Read inside the change's transaction. SQLite runs one writer
/// at a time, so two admins demoting or deleting each other queue there anyway. On the server databases each would read
/// the other still a global admin and both would pass, leaving none: so the tenant's global admin rows are locked first
/// (<see cref="RowLocks"/>, in id order), and read again after the lock.
/// </summary>
internal static class GlobalAdmins
{
    /// <summary>Whether a global admin who is not deleted (and, when asked, may sign in) remains besides <paramref name="leaving"/>.</summary>
    public static async Task<bool> AnyRemainsAsync(AppDbContext db, IReadOnlySet<Guid> leaving, bool mustSignIn, CancellationToken cancellationToken)
    {
        await LockAsync(db, cancellationToken);
        var query = db.DirectoryUsers.Where(u => u.DeletedUtc == null && (u.Roles & AdminRoles.GlobalAdministrator) != 0);
        if (mustSignIn) query = query.Where(u => !u.SignInBlocked);
        // Global admins are few; the leaving users may be a whole tenant, so compare in memory.
        var ids = await query.Select(u => u.Id).ToListAsync(cancellationToken);
        return ids.Any(id => !leaving.Contains(id));
    }

    /// <summary>
    /// Locks the user a role or sign-in change is about together with the tenant's global admins, in one statement in id
    /// order, before the change reads the user. Without it two changes of one user's roles both read the old roles and
    /// both write (and audit) the same change; and locking the user first, the global admins after, could deadlock with
    /// a change of another global admin that locks in the opposite order.
    /// </summary>
    public static Task LockWithAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken) =>
        LockAsync(db, cancellationToken, userId);

    // The read after this one runs in a new snapshot (read committed), so it sees a racing change that committed first.
    private static Task LockAsync(AppDbContext db, CancellationToken cancellationToken, Guid? alsoUser = null)
    {
        var isGlobalAdmin = alsoUser is null ? "([Roles] & {0}) <> 0" : "(([Roles] & {0}) <> 0 OR [Id] = {1})";
        var values = new List<object> { (int)AdminRoles.GlobalAdministrator };
        if (alsoUser is { } user) values.Add(user);
        if (db.ScopedTenantId is not { } tenant)
            return RowLocks.LockWhereAsync(db, "DirectoryUsers", "Id", isGlobalAdmin, [.. values], cancellationToken);
        values.Add(tenant);
        return RowLocks.LockWhereAsync(db, "DirectoryUsers", "Id", $"[TenantId] = {{{values.Count - 1}}} AND {isGlobalAdmin}", [.. values], cancellationToken);
    }
}
