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

    // The read after this one runs in a new snapshot (read committed), so it sees a racing change that committed first.
    private static Task LockAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        const string isGlobalAdmin = "([Roles] & {0}) <> 0";
        object global = (int)AdminRoles.GlobalAdministrator;
        return db.ScopedTenantId is { } tenant
            ? RowLocks.LockWhereAsync(db, "DirectoryUsers", "Id", $"[TenantId] = {{1}} AND {isGlobalAdmin}", [global, tenant], cancellationToken)
            : RowLocks.LockWhereAsync(db, "DirectoryUsers", "Id", isGlobalAdmin, [global], cancellationToken);
    }
}
