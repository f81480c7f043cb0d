using LicenseAdmin.Domain.Documents;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>
/// Deletes users whose 30 days in Deleted users are over, with their licenses, Office installations, provisioning
/// records and sign-in account, one batch inside the caller's transaction. Their SharePoint documents stay and name
/// the owner as a deleted user.
/// </summary>
internal static class DeletedUserBatch
{
    /// <summary>Deleted users whose time is up, longest deleted first. The query narrows the search; the domain decides.</summary>
    public static async Task<List<PurgeItem>> DueAsync(AppDbContext db, DateTime nowUtc, int? limit, CancellationToken cancellationToken)
    {
        var cutoff = DirectoryUser.PurgeCutoff(nowUtc);
        var query = db.DirectoryUsers.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.DeletedUtc != null && u.DeletedUtc <= cutoff)
            .OrderBy(u => u.DeletedUtc).ThenBy(u => u.Id);
        var users = await (limit is { } take ? query.Take(take) : query).ToListAsync(cancellationToken);
        return users.Where(u => u.IsDueForPurge(nowUtc))
            .Select(u => new PurgeItem(u.TenantId, PurgeKind.DeletedUser, u.Id, u.UserPrincipalName, u.PurgeDueUtc!.Value))
            .ToList();
    }

    public static async Task<List<PurgedItem>> PurgeAsync(AppDbContext db, DateTime nowUtc, int batchSize, CancellationToken cancellationToken)
    {
        var purged = new List<PurgedItem>();
        foreach (var item in await DueAsync(db, nowUtc, batchSize, cancellationToken))
        {
            var counts = await PurgeUserAsync(db, item, nowUtc, cancellationToken);
            if (counts is not null) purged.Add(new PurgedItem(item, counts));
        }

        return purged;
    }

    private static async Task<PurgeCounts?> PurgeUserAsync(AppDbContext db, PurgeItem item, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var user = db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.Id == item.UserId);
        var cutoff = DirectoryUser.PurgeCutoff(nowUtc);
        // Claims the row with a conditional update: a restore that came first made it active again, so it is left
        // alone; on SQL Server the update also locks the row, so a restore cannot slip in before the batch commits.
        var claimed = await user.Where(u => u.DeletedUtc != null && u.DeletedUtc <= cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SignInBlocked, true), cancellationToken);
        if (claimed == 0) return null;

        var displayName = await user.Select(u => u.DisplayName).SingleAsync(cancellationToken);
        var documents = await db.SharePointDocuments.IgnoreQueryFilters().Where(d => d.OwnerUserId == item.UserId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.OwnerUserId, (Guid?)null)
                .SetProperty(d => d.OwnerDisplayName, SharePointDocument.DeletedOwnerName(displayName)), cancellationToken);
        var licenses = await db.LicenseAssignments.IgnoreQueryFilters().Where(a => a.UserId == item.UserId).ExecuteDeleteAsync(cancellationToken);
        var installations = await db.OfficeInstallations.IgnoreQueryFilters().Where(i => i.UserId == item.UserId).ExecuteDeleteAsync(cancellationToken);
        var provisioning = await db.ServiceProvisionings.IgnoreQueryFilters().Where(p => p.UserId == item.UserId).ExecuteDeleteAsync(cancellationToken);
        // The sign-in account; Identity's own rows (roles, claims, logins, tokens) follow it by cascade.
        await db.Users.Where(a => a.DirectoryUserId == item.UserId).ExecuteDeleteAsync(cancellationToken);
        await user.ExecuteDeleteAsync(cancellationToken);
        return new PurgeCounts(0, 1, licenses, installations, provisioning, documents);
    }
}
