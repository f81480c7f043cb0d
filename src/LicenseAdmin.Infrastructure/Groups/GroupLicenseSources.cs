using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Groups;

/// <summary>Reads and queues for group-based licensing, shared by the group service, the license service and the processor.</summary>
public static class GroupLicenseSources
{
    /// <summary>Per user, per product, the names of the groups the license is inherited from (users without any are left out).</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<Guid, IReadOnlyList<string>>>> InheritedFromAsync(
        AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, IReadOnlyDictionary<Guid, IReadOnlyList<string>>>();
        foreach (var chunk in userIds.Distinct().Chunk(IdChunks.Size))
        {
            var rows = await db.InheritedLicenses.AsNoTracking()
                .Where(i => EF.Parameter(chunk).Contains(i.UserId))
                .Join(db.Groups, i => i.GroupId, g => g.Id, (i, g) => new { i.UserId, i.ProductId, g.DisplayName })
                .ToListAsync(cancellationToken);
            foreach (var user in rows.GroupBy(r => r.UserId))
                result[user.Key] = user.GroupBy(r => r.ProductId)
                    .ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Select(r => r.DisplayName).Order().ToList());
        }
        return result;
    }

    /// <summary>Queues users for the processor, on behalf of <paramref name="requestedBy"/>, inside the caller's transaction.</summary>
    public static Task EnqueueAsync(
        AppDbContext db, Guid tenantId, IEnumerable<Guid> userIds, Guid? groupId, string requestedBy, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var rows = userIds.Distinct().Select(u => new GroupLicensingWork(Guid.NewGuid(), tenantId, u, groupId, requestedBy, nowUtc)).ToList();
        return BulkInsert.InsertAsync(db, rows, cancellationToken);
    }

    /// <summary>
    /// Makes a dynamic group's members the active users its rule matches; returns the users who joined or left. Deleted
    /// users are never members of a dynamic group.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> RefreshDynamicMembersAsync(
        AppDbContext db, Group group, MembershipRule rule, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var users = await db.DirectoryUsers.AsNoTracking().Where(u => u.DeletedUtc == null)
            .Select(u => new { u.Id, Subject = new RuleSubject(u.Department, u.UsageLocation, u.JobTitle, !u.SignInBlocked) })
            .ToListAsync(cancellationToken);
        var matching = users.Where(u => rule.Matches(u.Subject)).Select(u => u.Id).ToHashSet();
        var current = (await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == group.Id).Select(m => m.UserId).ToListAsync(cancellationToken))
            .ToHashSet();

        var joined = matching.Where(id => !current.Contains(id)).ToList();
        var left = current.Where(id => !matching.Contains(id)).ToList();
        foreach (var chunk in left.Chunk(IdChunks.Size))
            await db.GroupMembers.Where(m => m.GroupId == group.Id && EF.Parameter(chunk).Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
        await BulkInsert.InsertAsync(db, joined.Select(id => new GroupMember(group.Id, id, group.TenantId, nowUtc)).ToList(), cancellationToken);
        return [.. joined, .. left];
    }
}
