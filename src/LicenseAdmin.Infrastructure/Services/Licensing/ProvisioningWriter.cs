using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>
/// Writes what a change does to the users' provisioning. The Domain (<see cref="ProvisioningChanges"/>) gives each
/// affected record its new values; this writes them with one UPDATE per resulting state and chunk of records (a change
/// has one time, so there are at most a few such states) and inserts the new records in bulk.
/// </summary>
internal static class ProvisioningWriter
{
    public static async Task WriteAsync(AppDbContext db, Guid tenantId, IReadOnlyList<UserPlan> users, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var affected = users.Where(u => !u.Provisioning.IsEmpty).ToList();
        if (affected.Count == 0) return;

        var records = await RecordsOfAsync(db, affected.Select(u => u.UserId).ToList(), cancellationToken);
        var changes = new ProvisioningChanges(tenantId, nowUtc);
        foreach (var user in affected)
            changes.Apply(user.UserId, user.Provisioning, family => records.GetValueOrDefault((user.UserId, family)));

        foreach (var state in changes.Updated.GroupBy(r => (r.State, r.RetainedUntilUtc, r.ChangedUtc), r => r.Id))
        {
            var (newState, retainedUntil, changedUtc) = state.Key;
            foreach (var chunk in state.Chunk(IdChunks.Size))
            {
                var updated = await db.ServiceProvisionings.Where(p => EF.Parameter(chunk).Contains(p.Id))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(p => p.State, newState)
                        .SetProperty(p => p.RetainedUntilUtc, retainedUntil)
                        .SetProperty(p => p.ChangedUtc, changedUtc), cancellationToken);
                ExpectedRows.Check(chunk.Length, updated, "provisioning records");
            }
        }
        await BulkInsert.InsertAsync(db, changes.Created, cancellationToken);
    }

    private static async Task<Dictionary<(Guid User, ServiceFamily Family), ServiceProvisioning>> RecordsOfAsync(
        AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var records = new Dictionary<(Guid, ServiceFamily), ServiceProvisioning>();
        foreach (var chunk in userIds.Chunk(IdChunks.Size))
            foreach (var record in await db.ServiceProvisionings.AsNoTracking().Where(p => EF.Parameter(chunk).Contains(p.UserId)).ToListAsync(cancellationToken))
                records[(record.UserId, record.Family)] = record;
        return records;
    }
}
