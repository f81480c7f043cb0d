using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Groups;

/// <summary>An active user and what a membership rule matches on.</summary>
public sealed record RuleCandidate(Guid Id, RuleSubject Subject);

/// <summary>Reads and queues for group-based licensing, shared by the group service, the license service and the processor.</summary>
public static class GroupLicenseSources
{
    /// <summary>
    /// Per user, per product, the part of the license that comes from groups: the groups' names, the plans all of them
    /// turn off, and whether the license is also direct (users without inherited licenses are left out). What the
    /// planner needs to keep inherited parts when a direct change takes a license away (<see cref="InheritedLicenseRule"/>).
    /// </summary>
    public static async Task<Inheritance> InheritanceAsync(AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, IReadOnlyDictionary<Guid, InheritedPart>>();
        foreach (var chunk in userIds.Distinct().Chunk(IdChunks.Size))
        {
            var rows = await db.InheritedLicenses.AsNoTracking()
                .Where(i => EF.Parameter(chunk).Contains(i.UserId))
                .Join(db.Groups, i => i.GroupId, g => g.Id, (i, g) => new { i.UserId, i.ProductId, i.GroupId, g.DisplayName })
                .ToListAsync(cancellationToken);
            if (rows.Count == 0) continue;
            var groupIds = rows.Select(r => r.GroupId).Distinct().ToList();
            var given = (await db.GroupLicenses.AsNoTracking().Where(l => groupIds.Contains(l.GroupId)).ToListAsync(cancellationToken))
                .ToDictionary(l => (l.GroupId, l.ProductId), l => l.DisabledPlanIds);
            var users = rows.Select(r => r.UserId).Distinct().ToList();
            var direct = (await db.LicenseAssignments.AsNoTracking().Where(a => users.Contains(a.UserId) && a.IsDirect)
                    .Select(a => new { a.UserId, a.ProductId }).ToListAsync(cancellationToken))
                .Select(a => (a.UserId, a.ProductId)).ToHashSet();
            foreach (var user in rows.GroupBy(r => r.UserId))
                result[user.Key] = user.GroupBy(r => r.ProductId).ToDictionary(p => p.Key, p =>
                {
                    // The plans every giving group turns off (the union of what they enable); a group whose license
                    // went since turns nothing off here, as the processor is about to take it away.
                    var disabled = p.Select(r => given.TryGetValue((r.GroupId, p.Key), out var plans) ? plans : (IReadOnlyList<Guid>)[])
                        .Aggregate((IEnumerable<Guid>?)null, (all, plans) => all is null ? plans : all.Intersect(plans)) ?? [];
                    return new InheritedPart(p.Select(r => r.DisplayName).Order().ToList(), disabled.ToHashSet(), direct.Contains((user.Key, p.Key)));
                });
        }
        return new Inheritance(result);
    }

    /// <summary>Queues users for the processor, on behalf of <paramref name="requestedBy"/>, inside the caller's transaction.</summary>
    public static Task EnqueueAsync(
        AppDbContext db, Guid tenantId, IEnumerable<Guid> userIds, Guid? groupId, string requestedBy, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var rows = userIds.Distinct().Select(u => new GroupLicensingWork(Guid.NewGuid(), tenantId, u, groupId, requestedBy, nowUtc)).ToList();
        return BulkInsert.InsertAsync(db, rows, cancellationToken);
    }

    /// <summary>
    /// Makes a dynamic group's members the active users its rule matches; returns the users who joined or left. A deleted
    /// user keeps the memberships they had (a restore brings them back) and joins nothing while deleted (decision 0021).
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> RefreshDynamicMembersAsync(
        AppDbContext db, Group group, MembershipRule rule, DateTime nowUtc, CancellationToken cancellationToken) =>
        await RefreshDynamicMembersAsync(db, group, rule, await RuleCandidatesAsync(db, cancellationToken), nowUtc, cancellationToken);

    /// <summary>The tenant's active users as a membership rule sees them; read once and given to every group's refresh.</summary>
    public static async Task<IReadOnlyList<RuleCandidate>> RuleCandidatesAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.DirectoryUsers.AsNoTracking().Where(u => u.DeletedUtc == null)
            .Select(u => new RuleCandidate(u.Id, new RuleSubject(u.Department, u.UsageLocation, u.JobTitle, !u.SignInBlocked)))
            .ToListAsync(cancellationToken);

    /// <inheritdoc cref="RefreshDynamicMembersAsync(AppDbContext, Group, MembershipRule, DateTime, CancellationToken)"/>
    /// <param name="users">The tenant's active users (<see cref="RuleCandidatesAsync"/>), as they stand in the caller's transaction.</param>
    public static async Task<IReadOnlyList<Guid>> RefreshDynamicMembersAsync(
        AppDbContext db, Group group, MembershipRule rule, IReadOnlyList<RuleCandidate> users, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var matching = users.Where(u => rule.Matches(u.Subject)).Select(u => u.Id).ToHashSet();
        var active = users.Select(u => u.Id).ToHashSet();
        var current = (await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == group.Id).Select(m => m.UserId).ToListAsync(cancellationToken))
            .ToHashSet();

        var joined = matching.Where(id => !current.Contains(id)).ToList();
        var left = current.Where(id => active.Contains(id) && !matching.Contains(id)).ToList();
        foreach (var chunk in left.Chunk(IdChunks.Size))
            await db.GroupMembers.Where(m => m.GroupId == group.Id && EF.Parameter(chunk).Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
        await BulkInsert.InsertAsync(db, joined.Select(id => new GroupMember(group.Id, id, group.TenantId, nowUtc)).ToList(), cancellationToken);
        return [.. joined, .. left];
    }

    /// <summary>
    /// Evaluates every dynamic group's rule for these users now, as they stand in the caller's transaction (a user added,
    /// a department, usage location, job title or sign-in state changed, a user restored), so their memberships follow at
    /// once rather than at the processor's next refresh. Who joined or left a group that gives licenses (or still has
    /// members inheriting from it) is queued on behalf of <paramref name="requestedBy"/>, so the processor's next batch
    /// gives or takes the licenses. Deleted users are left as they are. Returns the users queued.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> RefreshDynamicMembershipsAsync(
        AppDbContext db, Guid tenantId, IReadOnlyList<DirectoryUser> users, string requestedBy, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (users.Count == 0) return [];
        var groups = await db.Groups.Where(g => g.MembershipRule != null).OrderBy(g => g.Id).ToListAsync(cancellationToken);
        if (groups.Count == 0) return [];
        var rules = new List<(Group Group, MembershipRule Rule)>();
        foreach (var group in groups)
        {
            // A stored rule was parsed when it was saved; one that no longer parses is skipped here as in the refresh.
            try
            {
                rules.Add((group, MembershipRuleParser.Parse(group.MembershipRule)));
            }
            catch (Domain.DomainException)
            {
            }
        }

        // The users' own rows must exist before membership rows point at them.
        await db.SaveChangesAsync(cancellationToken);
        var active = users.Where(u => !u.IsDeleted).DistinctBy(u => u.Id).ToList();
        var ids = active.Select(u => u.Id).ToList();
        var groupIds = rules.Select(r => r.Group.Id).ToList();
        var current = new HashSet<(Guid GroupId, Guid UserId)>();
        foreach (var chunk in ids.Chunk(IdChunks.Size))
            current.UnionWith((await db.GroupMembers.AsNoTracking()
                    .Where(m => EF.Parameter(chunk).Contains(m.UserId) && groupIds.Contains(m.GroupId))
                    .Select(m => new { m.GroupId, m.UserId }).ToListAsync(cancellationToken))
                .Select(m => (m.GroupId, m.UserId)));

        var queued = new HashSet<Guid>();
        foreach (var (group, rule) in rules)
        {
            var joined = new List<Guid>();
            var left = new List<Guid>();
            foreach (var user in active)
            {
                var matches = rule.Matches(new RuleSubject(user.Department, user.UsageLocation, user.JobTitle, !user.SignInBlocked));
                var member = current.Contains((group.Id, user.Id));
                if (matches && !member) joined.Add(user.Id);
                else if (!matches && member) left.Add(user.Id);
            }
            if (joined.Count == 0 && left.Count == 0) continue;

            var groupId = group.Id;
            foreach (var chunk in left.Chunk(IdChunks.Size))
                await db.GroupMembers.Where(m => m.GroupId == groupId && EF.Parameter(chunk).Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
            await BulkInsert.InsertAsync(db, joined.Select(id => new GroupMember(groupId, id, tenantId, nowUtc)).ToList(), cancellationToken);

            var licensed = await db.GroupLicenses.AnyAsync(l => l.GroupId == groupId, cancellationToken)
                || await db.InheritedLicenses.AnyAsync(i => i.GroupId == groupId, cancellationToken);
            if (!licensed) continue;
            List<Guid> moved = [.. joined, .. left];
            group.MarkQueued(requestedBy);
            await EnqueueAsync(db, tenantId, moved, groupId, requestedBy, nowUtc, cancellationToken);
            queued.UnionWith(moved);
        }
        return queued.ToList();
    }

    /// <summary>
    /// Each user's licenses as an admin gave them directly (product -> its direct disabled plans): a license that is also
    /// inherited with its own direct plans, one that is only inherited left out. What a deleted user's record keeps for a restore.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>>> DirectLicensesAsync(
        AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>>();
        foreach (var chunk in userIds.Distinct().Chunk(IdChunks.Size))
        {
            var rows = await db.LicenseAssignments.AsNoTracking().Where(a => EF.Parameter(chunk).Contains(a.UserId) && a.IsDirect)
                .Select(a => new { a.UserId, a.ProductId, a.DisabledPlanIds, a.DirectDisabledPlanIds }).ToListAsync(cancellationToken);
            foreach (var user in rows.GroupBy(r => r.UserId))
                result[user.Key] = user.ToDictionary(r => r.ProductId, r => r.DirectDisabledPlanIds ?? r.DisabledPlanIds);
        }
        return result;
    }

    /// <summary>
    /// Deleted users hold no licenses, so nothing is inherited any more and no group error stands for them; their
    /// memberships stay for a restore. Runs in the deleting transaction, after the licenses are removed.
    /// </summary>
    public static async Task ForgetInheritanceAsync(AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in userIds.Distinct().Chunk(IdChunks.Size))
        {
            await db.InheritedLicenses.Where(i => EF.Parameter(chunk).Contains(i.UserId)).ExecuteDeleteAsync(cancellationToken);
            await db.GroupMembers.Where(m => EF.Parameter(chunk).Contains(m.UserId) && m.Error != null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Error, (GroupLicenseError?)null).SetProperty(m => m.ErrorDetail, (string?)null), cancellationToken);
        }
    }

    /// <summary>The users among these who are a member of at least one group.</summary>
    public static async Task<IReadOnlyList<Guid>> MembersAmongAsync(AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var result = new HashSet<Guid>();
        foreach (var chunk in userIds.Distinct().Chunk(IdChunks.Size))
            result.UnionWith(await db.GroupMembers.AsNoTracking().Where(m => EF.Parameter(chunk).Contains(m.UserId)).Select(m => m.UserId).Distinct()
                .ToListAsync(cancellationToken));
        return result.ToList();
    }
}
