using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>Purges retained service data (mailboxes) whose 30 days are over, one batch inside the caller's transaction.</summary>
internal static class RetainedDataBatch
{
    /// <summary>Retained records whose time is up, oldest first. The query narrows the search; the domain decides.</summary>
    public static async Task<List<PurgeItem>> DueAsync(AppDbContext db, DateTime nowUtc, int? limit, CancellationToken cancellationToken)
    {
        var query = db.ServiceProvisionings.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.State == ProvisioningState.Retained && p.RetainedUntilUtc <= nowUtc)
            .OrderBy(p => p.RetainedUntilUtc).ThenBy(p => p.Id)
            .Join(db.DirectoryUsers.IgnoreQueryFilters(), p => p.UserId, u => u.Id, (p, u) => new { Record = p, u.UserPrincipalName });
        var rows = await (limit is { } take ? query.Take(take) : query).ToListAsync(cancellationToken);
        return rows.Where(r => r.Record.IsDueForPurge(nowUtc))
            .Select(r => new PurgeItem(r.Record.TenantId, PurgeKind.MailboxData, r.Record.UserId, r.UserPrincipalName, r.Record.RetainedUntilUtc!.Value))
            .ToList();
    }

    public static async Task<List<PurgedItem>> PurgeAsync(AppDbContext db, DateTime nowUtc, int batchSize, CancellationToken cancellationToken)
    {
        var purged = new List<PurgedItem>();
        foreach (var item in await DueAsync(db, nowUtc, batchSize, cancellationToken))
        {
            // Conditional on the state just read: a license given back in the meantime made the record Provisioned,
            // so it is left alone (on SQL Server the update also locks the row until the batch commits).
            var changed = await db.ServiceProvisionings.IgnoreQueryFilters()
                .Where(p => p.UserId == item.UserId && p.State == ProvisioningState.Retained && p.RetainedUntilUtc == item.DueUtc)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.State, ProvisioningState.Purged)
                    .SetProperty(p => p.ChangedUtc, nowUtc), cancellationToken);
            if (changed > 0) purged.Add(new PurgedItem(item, PurgeCounts.None with { Mailboxes = changed }));
        }

        return purged;
    }
}
