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
internal sealed class DeletedUserBatch : IPurgeKindBatch
{
    public PurgeKind Kind => PurgeKind.DeletedUser;

    /// <summary>
    /// A user goes with their licenses, provisioning records, installations and sign-in account, and each deleted row
    /// updates several indexes: measured, a deleted user costs about ten times a mailbox.
    /// </summary>
    public int RowsPerItem => 10;

    public async Task<DueRows> ReadDueAsync(
        AppDbContext db, DateTime nowUtc, IReadOnlyCollection<Guid> leftAlone, int? limit, CancellationToken cancellationToken)
    {
        var users = DeletedBeforeCutoff(db, nowUtc);
        if (leftAlone.Count > 0) users = users.Where(u => !EF.Parameter(leftAlone).Contains(u.Id));
        var query = users.AsNoTracking().OrderBy(u => u.DeletedUtc);
        var rows = await (limit is { } take ? query.Take(take) : query).ToListAsync(cancellationToken);

        var isDue = rows.ToLookup(u => u.IsDueForPurge(nowUtc));
        return new DueRows(
            isDue[true].Select(u => new DueRow(u.Id, new PurgeItem(u.TenantId, PurgeKind.DeletedUser, u.Id, u.UserPrincipalName, u.PurgeDueUtc!.Value)))
                .ToList(),
            isDue[false].Select(u => u.Id).ToList());
    }

    public async Task<List<PurgedItem>> PurgeAsync(AppDbContext db, DateTime nowUtc, IReadOnlyList<DueRow> due, CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(db, nowUtc, due.Select(r => r.RowId).ToList(), cancellationToken);
        if (claimed.Count == 0) return [];

        // Counted before they go, per user, so each tenant's audit entry gets its own counts.
        var licenses = await CountPerUserAsync(db.LicenseAssignments.IgnoreQueryFilters()
            .Where(a => EF.Parameter(claimed).Contains(a.UserId)).Select(a => a.UserId), cancellationToken);
        var installations = await CountPerUserAsync(db.OfficeInstallations.IgnoreQueryFilters()
            .Where(i => EF.Parameter(claimed).Contains(i.UserId)).Select(i => i.UserId), cancellationToken);
        var provisioning = await CountPerUserAsync(db.ServiceProvisionings.IgnoreQueryFilters()
            .Where(p => EF.Parameter(claimed).Contains(p.UserId)).Select(p => p.UserId), cancellationToken);
        var documents = await CountPerUserAsync(OwnedDocuments(db, claimed).Select(d => d.OwnerUserId!.Value), cancellationToken);

        await KeepDocumentsAsync(db, claimed, cancellationToken);
        await UserRemoval.DeleteWithTheirRowsAsync(db, claimed, cancellationToken);

        var purged = claimed.ToHashSet();
        return due.Where(r => purged.Contains(r.RowId))
            .Select(r => new PurgedItem(r.Item, new PurgeCounts(0, 1, Count(licenses, r.RowId), Count(installations, r.RowId),
                Count(provisioning, r.RowId), Count(documents, r.RowId))))
            .ToList();
    }

    /// <summary>
    /// Claims the batch with one conditional update and returns the users it claimed: a user restored since the read is
    /// active again and left alone. On SQL Server the update also locks the claimed rows, so a restore cannot slip in
    /// before the batch commits.
    /// </summary>
    private static async Task<List<Guid>> ClaimAsync(AppDbContext db, DateTime nowUtc, List<Guid> ids, CancellationToken cancellationToken)
    {
        // EF.Parameter sends the ids as one JSON parameter (json_each, OPENJSON), here and in every statement of the
        // batch: one short statement whatever the batch size, and never near SQL Server's 2,100 parameters.
        var changed = await DeletedBeforeCutoff(db, nowUtc).Where(u => EF.Parameter(ids).Contains(u.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SignInBlocked, true), cancellationToken);
        if (changed == ids.Count) return ids;

        // Some were restored since the read. The same condition finds the claimed ones: a user deleted again since then
        // has a later deletion time, so only the claimed ones still match.
        return await DeletedBeforeCutoff(db, nowUtc).Where(u => EF.Parameter(ids).Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
    }

    /// <summary>SharePoint documents are never purged: they lose their owner's id and name them as a deleted user.</summary>
    private static Task KeepDocumentsAsync(AppDbContext db, List<Guid> owners, CancellationToken cancellationToken) =>
        OwnedDocuments(db, owners).ExecuteUpdateAsync(s => s
            // SQL computes every new value from the row as it was, so the owner is still found by the id this clears.
            .SetProperty(d => d.OwnerDisplayName, d => db.DirectoryUsers.IgnoreQueryFilters()
                .Where(u => u.Id == d.OwnerUserId).Select(u => u.DisplayName).Select(SharePointDocument.DeletedOwnerNameOf).First())
            .SetProperty(d => d.OwnerUserId, (Guid?)null), cancellationToken);


    /// <summary>
    /// Deleted users whose time is up: the query's form of <see cref="DirectoryUser.IsDueForPurge"/>, used to find them and
    /// to re-check them when they are claimed.
    /// </summary>
    private static IQueryable<DirectoryUser> DeletedBeforeCutoff(AppDbContext db, DateTime nowUtc)
    {
        var cutoff = DirectoryUser.PurgeCutoff(nowUtc);
        return db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.DeletedUtc != null && u.DeletedUtc <= cutoff);
    }

    private static IQueryable<SharePointDocument> OwnedDocuments(AppDbContext db, List<Guid> owners) =>
        db.SharePointDocuments.IgnoreQueryFilters().Where(d => d.OwnerUserId != null && EF.Parameter(owners).Contains(d.OwnerUserId.Value));

    private static Task<Dictionary<Guid, int>> CountPerUserAsync(IQueryable<Guid> userIdPerRow, CancellationToken cancellationToken) =>
        userIdPerRow.GroupBy(id => id).Select(g => new { UserId = g.Key, Rows = g.Count() })
            .ToDictionaryAsync(g => g.UserId, g => g.Rows, cancellationToken);

    private static int Count(Dictionary<Guid, int> perUser, Guid userId) => perUser.GetValueOrDefault(userId);
}
