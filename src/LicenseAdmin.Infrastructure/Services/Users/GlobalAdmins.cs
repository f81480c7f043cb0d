using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>
/// The "never the last global admin" rule (docs/product-rules.md, "Protecting admins from themselves"). Read inside the change's transaction. SQLite runs one writer
/// at a time, so two admins demoting or deleting each other queue there anyway. On the server databases each would read
/// the other still a global admin and both would pass, leaving none: so the tenant's global admin rows are locked first,
/// in id order (one fixed order, so two such changes queue instead of deadlocking), and read again after the lock.
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
    private static async Task LockAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        const int global = (int)AdminRoles.GlobalAdministrator;
        var tenant = db.ScopedTenantId;
        if (db.Database.IsNpgsql())
        {
            await db.Database.SqlQuery<Guid>(
                $"""
                SELECT "Id" AS "Value" FROM "DirectoryUsers"
                WHERE ("TenantId" = {tenant} OR {tenant} IS NULL) AND ("Roles" & {global}) <> 0
                ORDER BY "Id" FOR UPDATE
                """).ToListAsync(cancellationToken);
        }
        else if (db.Database.IsSqlServer())
        {
            await db.Database.SqlQuery<Guid>(
                $"""
                SELECT [Id] AS [Value] FROM [DirectoryUsers] WITH (UPDLOCK, HOLDLOCK, ROWLOCK)
                WHERE ([TenantId] = {tenant} OR {tenant} IS NULL) AND ([Roles] & {global}) <> 0
                """).ToListAsync(cancellationToken);
        }
    }
}
