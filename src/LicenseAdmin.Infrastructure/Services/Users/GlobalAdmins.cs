using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>
/// The "never the last global admin" rule (docs/product-rules.md, "Protecting admins from themselves"). Read inside the change's transaction, so two admins
/// demoting or deleting each other at once cannot both pass on SQLite (one writer at a time).
/// </summary>
internal static class GlobalAdmins
{
    /// <summary>Whether a global admin who is not deleted (and, when asked, may sign in) remains besides <paramref name="leaving"/>.</summary>
    public static async Task<bool> AnyRemainsAsync(AppDbContext db, IReadOnlySet<Guid> leaving, bool mustSignIn, CancellationToken cancellationToken)
    {
        var query = db.DirectoryUsers.Where(u => u.DeletedUtc == null && (u.Roles & AdminRoles.GlobalAdministrator) != 0);
        if (mustSignIn) query = query.Where(u => !u.SignInBlocked);
        // Global admins are few; the leaving users may be a whole tenant, so compare in memory.
        var ids = await query.Select(u => u.Id).ToListAsync(cancellationToken);
        return ids.Any(id => !leaving.Contains(id));
    }
}
