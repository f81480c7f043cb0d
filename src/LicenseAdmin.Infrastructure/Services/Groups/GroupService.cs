using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Groups;

/// <summary>
/// Groups and group-based licensing (docs/product-rules.md, "Groups"): Global, User and License administrators create,
/// rename and delete groups, manage static members or a dynamic rule, and set the products a group gives. Every change
/// that affects members' licenses queues them for the <see cref="GroupLicenseProcessor"/>, which applies it in batches.
/// </summary>
public sealed class GroupService(TenantDbContextFactory contexts, AuditedChanges changes)
{
    // ---- Reading ----

    public async Task<IReadOnlyList<GroupSummary>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.DisplayName).ThenBy(g => g.Id)
            .Select(g => new
            {
                g.Id, g.DisplayName, g.MembershipRule, g.ProcessingState,
                // A deleted user keeps their memberships for a restore but is not counted or listed (decision 0021).
                Members = db.GroupMembers.Count(m => m.GroupId == g.Id && db.DirectoryUsers.Any(u => u.Id == m.UserId && u.DeletedUtc == null)),
                Errors = db.GroupMembers.Count(m => m.GroupId == g.Id && m.Error != null),
            })
            .ToListAsync(cancellationToken);
        var products = await ProductNamesAsync(db, cancellationToken);
        var licenses = (await db.GroupLicenses.AsNoTracking().Select(l => new { l.GroupId, l.ProductId }).ToListAsync(cancellationToken))
            .ToLookup(l => l.GroupId, l => products.GetValueOrDefault(l.ProductId, l.ProductId.ToString()));
        return groups.Select(g => new GroupSummary(g.Id, g.DisplayName, g.MembershipRule is not null, g.Members,
            licenses[g.Id].Order().ToList(), g.ProcessingState, g.Errors)).ToList();
    }

    public async Task<GroupDetails> GetAsync(Caller caller, Guid groupId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken) ?? throw new GroupNotFoundException(groupId);
        var members = (await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == groupId)
            .Join(db.DirectoryUsers.Where(u => u.DeletedUtc == null), m => m.UserId, u => u.Id,
                (m, u) => new { u.Id, u.DisplayName, u.UserPrincipalName, m.Error, m.ErrorDetail })
            .OrderBy(m => m.DisplayName).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken))
            .Select(m => new GroupMemberRow(m.Id, m.DisplayName, m.UserPrincipalName, m.Error, m.ErrorDetail)).ToList();
        var products = await ProductNamesAsync(db, cancellationToken);
        var licenses = (await db.GroupLicenses.AsNoTracking().Where(l => l.GroupId == groupId).ToListAsync(cancellationToken))
            .Select(l => new GroupProduct(l.ProductId, products.GetValueOrDefault(l.ProductId, l.ProductId.ToString()), l.DisabledPlanIds))
            .OrderBy(l => l.DisplayName).ToList();
        return new GroupDetails(group.Id, group.DisplayName, group.MembershipRule, group.ProcessingState, members, licenses);
    }

    /// <summary>Where each of a user's licenses comes from, the user's groups and the groups whose licenses they did not get.</summary>
    public async Task<UserGroupLicensing> ForUserAsync(Caller caller, Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        var groups = await db.GroupMembers.AsNoTracking().Where(m => m.UserId == userId)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.DisplayName, m.Error, m.ErrorDetail })
            .OrderBy(g => g.DisplayName).ToListAsync(cancellationToken);
        var names = groups.ToDictionary(g => g.Id, g => g.DisplayName);
        var inherited = (await db.InheritedLicenses.AsNoTracking().Where(i => i.UserId == userId).ToListAsync(cancellationToken))
            .ToLookup(i => i.ProductId, i => i.GroupId);
        var held = await db.LicenseAssignments.AsNoTracking().Where(a => a.UserId == userId)
            .Select(a => new { a.ProductId, a.IsDirect }).ToListAsync(cancellationToken);
        var sources = held.Select(a => new LicenseSource(a.ProductId, a.IsDirect,
            inherited[a.ProductId].Where(names.ContainsKey).Select(g => new UserGroupRef(g, names[g])).OrderBy(g => g.DisplayName).ToList())).ToList();
        return new UserGroupLicensing(sources, groups.Select(g => new UserGroupRef(g.Id, g.DisplayName)).ToList(),
            groups.Where(g => g.Error is not null).Select(g => new UserGroupError(g.Id, g.DisplayName, g.Error!.Value, g.ErrorDetail)).ToList());
    }

    /// <summary>Every member who did not get a group's licenses, by user then group: the "Users with license errors" view.</summary>
    public async Task<IReadOnlyList<UserLicenseErrorRow>> UsersWithErrorsAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        var rows = await db.GroupMembers.AsNoTracking().Where(m => m.Error != null)
            .Join(db.DirectoryUsers.Where(u => u.DeletedUtc == null), m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .Join(db.Groups, x => x.m.GroupId, g => g.Id, (x, g) => new
            {
                x.u.Id, x.u.DisplayName, x.u.UserPrincipalName, GroupId = g.Id, GroupName = g.DisplayName, x.m.Error, x.m.ErrorDetail,
            })
            .OrderBy(r => r.DisplayName).ThenBy(r => r.Id).ThenBy(r => r.GroupName)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new UserLicenseErrorRow(r.Id, r.DisplayName, r.UserPrincipalName, r.GroupId, r.GroupName, r.Error!.Value, r.ErrorDetail)).ToList();
    }

    // ---- Changing ----

    public Task<Guid> CreateAsync(Caller caller, string displayName, string? membershipRule, CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, AuditAction.AddGroup, _ => Task.FromResult(displayName?.Trim() ?? string.Empty)), async (db, admin, now) =>
        {
            var rule = membershipRule is null ? null : MembershipRuleParser.Parse(membershipRule);
            var group = new Group(Guid.NewGuid(), admin.TenantId, displayName, membershipRule, now);
            await EnsureNameFreeAsync(db, group.DisplayName, null, cancellationToken);
            db.Groups.Add(group);
            await db.SaveChangesAsync(cancellationToken);
            if (rule is not null) await GroupLicenseSources.RefreshDynamicMembersAsync(db, group, rule, now, cancellationToken);
            AuditTrail.Succeeded(db, admin, now, AuditAction.AddGroup, group.DisplayName,
                after: new { group.DisplayName, group.MembershipRule }, targetId: group.Id);
            return group.Id;
        }, cancellationToken);

    public Task RenameAsync(Caller caller, Guid groupId, string displayName, CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, AuditAction.UpdateGroup, db => NameOfAsync(db, groupId, cancellationToken)), async (db, admin, now) =>
        {
            var group = await FindAsync(db, groupId, cancellationToken);
            var before = group.DisplayName;
            group.Rename(displayName);
            await EnsureNameFreeAsync(db, group.DisplayName, group.Id, cancellationToken);
            AuditTrail.Succeeded(db, admin, now, AuditAction.UpdateGroup, group.DisplayName,
                before: new { DisplayName = before }, after: new { group.DisplayName }, targetId: group.Id);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Makes the group dynamic with <paramref name="membershipRule"/> (members become the users it matches) or static
    /// with null (members stay as they are). A rule that cannot be used changes nothing and says where it is wrong.
    /// </summary>
    public Task SetMembershipRuleAsync(Caller caller, Guid groupId, string? membershipRule, CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, AuditAction.UpdateGroup, db => NameOfAsync(db, groupId, cancellationToken)), async (db, admin, now) =>
        {
            var rule = string.IsNullOrWhiteSpace(membershipRule) ? null : MembershipRuleParser.Parse(membershipRule);
            var group = await FindAsync(db, groupId, cancellationToken);
            var before = group.MembershipRule;
            group.SetMembershipRule(membershipRule);
            if (rule is not null)
            {
                var moved = await GroupLicenseSources.RefreshDynamicMembersAsync(db, group, rule, now, cancellationToken);
                await QueueIfLicensedAsync(db, group, moved, admin, now, cancellationToken);
            }
            AuditTrail.Succeeded(db, admin, now, AuditAction.UpdateGroup, group.DisplayName,
                before: new { MembershipRule = before }, after: new { group.MembershipRule }, targetId: group.Id);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Graph's <c>PATCH /groups/{id}</c>: a new name and/or membership rule in one change, so a refusal of either changes
    /// neither. <paramref name="displayName"/> null keeps the name; <paramref name="setRule"/> false keeps the rule, true sets
    /// <paramref name="membershipRule"/> (null makes the group static).
    /// </summary>
    public Task UpdateAsync(Caller caller, Guid groupId, string? displayName, bool setRule, string? membershipRule, CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, AuditAction.UpdateGroup, db => NameOfAsync(db, groupId, cancellationToken)), async (db, admin, now) =>
        {
            var rule = setRule && !string.IsNullOrWhiteSpace(membershipRule) ? MembershipRuleParser.Parse(membershipRule) : null;
            var group = await FindAsync(db, groupId, cancellationToken);
            var before = new { group.DisplayName, group.MembershipRule };
            if (displayName is not null)
            {
                group.Rename(displayName);
                await EnsureNameFreeAsync(db, group.DisplayName, group.Id, cancellationToken);
            }
            if (setRule)
            {
                group.SetMembershipRule(membershipRule);
                if (rule is not null)
                {
                    var moved = await GroupLicenseSources.RefreshDynamicMembersAsync(db, group, rule, now, cancellationToken);
                    await QueueIfLicensedAsync(db, group, moved, admin, now, cancellationToken);
                }
            }
            AuditTrail.Succeeded(db, admin, now, AuditAction.UpdateGroup, group.DisplayName,
                before: before, after: new { group.DisplayName, group.MembershipRule }, targetId: group.Id);
            return true;
        }, cancellationToken);

    /// <summary>Deletes a group without licenses; a group that still gives products is refused, naming them.</summary>
    public Task DeleteAsync(Caller caller, Guid groupId, CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, AuditAction.DeleteGroup, db => NameOfAsync(db, groupId, cancellationToken)), async (db, admin, now) =>
        {
            var group = await FindAsync(db, groupId, cancellationToken);
            var licensed = await db.GroupLicenses.Where(l => l.GroupId == groupId).Select(l => l.ProductId).ToListAsync(cancellationToken);
            if (licensed.Count > 0)
            {
                var names = await ProductNamesAsync(db, cancellationToken);
                throw new GroupHoldsLicensesException(group.DisplayName, licensed.Select(p => names.GetValueOrDefault(p, p.ToString())).Order());
            }
            // Members inherit nothing from a group without licenses, but the processor may not have caught up with a removal.
            var stillInheriting = await db.InheritedLicenses.AnyAsync(i => i.GroupId == groupId, cancellationToken);
            if (stillInheriting) throw new GroupStillProcessingException(group.DisplayName);
            var members = await db.GroupMembers.CountAsync(m => m.GroupId == groupId, cancellationToken);
            await db.GroupMembers.Where(m => m.GroupId == groupId).ExecuteDeleteAsync(cancellationToken);
            await db.GroupLicensingQueue.Where(w => w.GroupId == groupId).ExecuteDeleteAsync(cancellationToken);
            db.Groups.Remove(group);
            AuditTrail.Succeeded(db, admin, now, AuditAction.DeleteGroup, group.DisplayName,
                before: new { group.DisplayName, group.MembershipRule, Members = members }, targetId: group.Id);
            return true;
        }, cancellationToken);

    /// <summary>Adds active users to a static group; users already in it are left as they are. They inherit its licenses.</summary>
    public Task<int> AddMembersAsync(Caller caller, Guid groupId, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, AuditAction.AddMemberToGroup, db => NameOfAsync(db, groupId, cancellationToken)), async (db, admin, now) =>
        {
            var group = await FindStaticAsync(db, groupId, cancellationToken);
            if (userIds.Count == 0) throw new DomainException("NoUsersSelected", "Select at least one user.");
            var found = await ActiveUsersAsync(db, userIds, cancellationToken);
            var missing = userIds.Distinct().Where(id => !found.ContainsKey(id)).ToList();
            if (missing.Count > 0) throw new GroupMemberNotFoundException(missing[0]);

            var existing = await MembersAmongAsync(db, groupId, found.Keys.ToList(), cancellationToken);
            var added = found.Keys.Where(id => !existing.Contains(id)).ToList();
            await BulkInsert.InsertAsync(db, added.Select(id => new GroupMember(groupId, id, admin.TenantId, now)).ToList(), cancellationToken);
            await QueueIfLicensedAsync(db, group, added, admin, now, cancellationToken);
            await BulkInsert.InsertAsync(db, added.Select(id => AuditTrail.SucceededEntry(admin, now, AuditAction.AddMemberToGroup, found[id],
                after: new { Group = group.DisplayName }, targetId: id)).ToList(), cancellationToken);
            return added.Count;
        }, cancellationToken);

    /// <summary>Adds active users named by username (the group panel's "Add members"); an unknown name changes nothing and is named.</summary>
    public async Task<int> AddMembersByNameAsync(Caller caller, Guid groupId, IReadOnlyList<string> userPrincipalNames, CancellationToken cancellationToken)
    {
        var names = userPrincipalNames.Select(n => n.Trim().ToLowerInvariant()).Where(n => n.Length > 0).Distinct().ToList();
        Dictionary<string, Guid> found;
        await using (var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken))
        {
            await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
            found = await db.DirectoryUsers.AsNoTracking().Where(u => u.DeletedUtc == null && names.Contains(u.UserPrincipalName))
                .ToDictionaryAsync(u => u.UserPrincipalName, u => u.Id, cancellationToken);
        }
        if (names.FirstOrDefault(n => !found.ContainsKey(n)) is { } unknown)
            throw new DomainException(new DomainMessage("UserNotFound", "There is no active user {User} in this organisation.", new { User = unknown }));
        return await AddMembersAsync(caller, groupId, names.Select(n => found[n]).ToList(), cancellationToken);
    }

    /// <summary>Static groups, for "Add to group" in Active users.</summary>
    public async Task<IReadOnlyList<UserGroupRef>> StaticGroupsAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        return (await db.Groups.AsNoTracking().Where(g => g.MembershipRule == null).OrderBy(g => g.DisplayName)
            .Select(g => new { g.Id, g.DisplayName }).ToListAsync(cancellationToken))
            .Select(g => new UserGroupRef(g.Id, g.DisplayName)).ToList();
    }

    /// <summary>Removes members from a static group; they lose what they inherited from it (with the usual 30-day retention of data).</summary>
    public Task<int> RemoveMembersAsync(Caller caller, Guid groupId, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, AuditAction.RemoveMemberFromGroup, db => NameOfAsync(db, groupId, cancellationToken)), async (db, admin, now) =>
        {
            var group = await FindStaticAsync(db, groupId, cancellationToken);
            var members = await MembersAmongAsync(db, groupId, userIds.Distinct().ToList(), cancellationToken);
            var names = await db.DirectoryUsers.AsNoTracking().Where(u => members.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.UserPrincipalName, cancellationToken);
            foreach (var chunk in members.Chunk(IdChunks.Size))
                await db.GroupMembers.Where(m => m.GroupId == groupId && EF.Parameter(chunk).Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
            await QueueIfLicensedAsync(db, group, members.ToList(), admin, now, cancellationToken, evenWithoutLicenses: true);
            await BulkInsert.InsertAsync(db, members.Select(id => AuditTrail.SucceededEntry(admin, now, AuditAction.RemoveMemberFromGroup,
                names.GetValueOrDefault(id, id.ToString()), before: new { Group = group.DisplayName }, targetId: id)).ToList(), cancellationToken);
            return members.Count;
        }, cancellationToken);

    /// <summary>
    /// The products the group gives, each with its disabled plans: the list replaces the old one (an empty list removes
    /// them all). Members are queued; the processor gives or takes the licenses.
    /// </summary>
    public Task SetLicensesAsync(Caller caller, Guid groupId, IReadOnlyList<ProductLicense> licenses, CancellationToken cancellationToken) =>
        ChangeLicensesAsync(caller, groupId, (_, _, _) => licenses, cancellationToken);

    /// <summary>
    /// Graph's <c>assignLicense</c> on a group: adds (or replaces the disabled plans of) the products in <paramref name="add"/>
    /// and removes those in <paramref name="remove"/> from what the group gives, in one change on the group's licenses of the moment.
    /// </summary>
    public Task AddAndRemoveLicensesAsync(
        Caller caller, Guid groupId, IReadOnlyList<ProductLicense> add, IReadOnlyList<Guid> remove, CancellationToken cancellationToken) =>
        ChangeLicensesAsync(caller, groupId, (group, catalog, current) => GroupLicenseChange.Apply(group.DisplayName, catalog, current, add, remove),
            cancellationToken);

    private Task ChangeLicensesAsync(
        Caller caller, Guid groupId, Func<Group, LicensingCatalog, IReadOnlyList<ProductLicense>, IReadOnlyList<ProductLicense>> wantedFrom,
        CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, AuditAction.SetGroupLicense, db => NameOfAsync(db, groupId, cancellationToken)),
            db => LicensingCatalogLoader.LoadAsync(db, cancellationToken),
            async (db, admin, now, catalog) =>
            {
                var group = await FindAsync(db, groupId, cancellationToken);
                var current = await db.GroupLicenses.Where(l => l.GroupId == groupId).ToListAsync(cancellationToken);
                var licenses = wantedFrom(group, catalog, current.Select(l => new ProductLicense(l.ProductId, l.DisabledPlanIds)).ToList());
                Validate(catalog, licenses);
                var before = current.Select(l => AuditedLicense.Of(catalog, new ProductLicense(l.ProductId, l.DisabledPlanIds))).ToList();

                var wanted = licenses.ToDictionary(l => l.ProductId);
                foreach (var row in current)
                {
                    if (!wanted.TryGetValue(row.ProductId, out var license)) db.GroupLicenses.Remove(row);
                    else row.SetDisabledPlans(license.DisabledPlanIds);
                }
                foreach (var license in licenses.Where(l => current.All(c => c.ProductId != l.ProductId)))
                    db.GroupLicenses.Add(new GroupLicense(groupId, license.ProductId, admin.TenantId, license.DisabledPlanIds));

                var members = await db.GroupMembers.Where(m => m.GroupId == groupId).Select(m => m.UserId).ToListAsync(cancellationToken);
                // The group's licenses changed, so every member is processed again, and so is anyone still inheriting from it.
                var inheriting = await db.InheritedLicenses.Where(i => i.GroupId == groupId).Select(i => i.UserId).Distinct().ToListAsync(cancellationToken);
                await QueueAsync(db, group, members.Union(inheriting).ToList(), admin, now, cancellationToken);
                AuditTrail.Succeeded(db, admin, now, AuditAction.SetGroupLicense, group.DisplayName, before: before,
                    after: licenses.Select(l => AuditedLicense.Of(catalog, l)).ToList(), targetId: group.Id);
                return true;
            }, cancellationToken);

    /// <summary>Applies the group's licenses to every member again, e.g. after buying seats or fixing a conflict.</summary>
    public Task ReprocessGroupAsync(Caller caller, Guid groupId, CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, AuditAction.ReprocessLicenses, db => NameOfAsync(db, groupId, cancellationToken)), async (db, admin, now) =>
        {
            var group = await FindAsync(db, groupId, cancellationToken);
            var members = await db.GroupMembers.Where(m => m.GroupId == groupId).Select(m => m.UserId).ToListAsync(cancellationToken);
            await QueueAsync(db, group, members, admin, now, cancellationToken);
            AuditTrail.Succeeded(db, admin, now, AuditAction.ReprocessLicenses, group.DisplayName, detail: $"{members.Count} members queued", targetId: group.Id);
            return true;
        }, cancellationToken);

    /// <summary>Applies all of one user's groups' licenses again.</summary>
    public Task ReprocessUserAsync(Caller caller, Guid userId, CancellationToken cancellationToken) =>
        changes.RunAsync(Change(caller, AuditAction.ReprocessLicenses, db => UserSelection.NameOfAsync(db, userId, cancellationToken)), async (db, admin, now) =>
        {
            var found = await ActiveUsersAsync(db, [userId], cancellationToken);
            if (found.Count == 0) throw new GroupMemberNotFoundException(userId);
            await GroupLicenseSources.EnqueueAsync(db, admin.TenantId, [userId], null, admin.Upn, now, cancellationToken);
            AuditTrail.Succeeded(db, admin, now, AuditAction.ReprocessLicenses, found[userId], targetId: userId);
            return true;
        }, cancellationToken);

    // ---- Helpers ----

    private static AuditedChange Change(Caller caller, string action, Func<AppDbContext, Task<string>> target) =>
        new(caller, Permission.AssignLicenses, action, target, () => new ConcurrentGroupChangeException());

    private static async Task QueueIfLicensedAsync(
        AppDbContext db, Group group, IReadOnlyList<Guid> userIds, ActingAdmin admin, DateTime now, CancellationToken cancellationToken,
        bool evenWithoutLicenses = false)
    {
        if (userIds.Count == 0) return;
        var licensed = await db.GroupLicenses.AnyAsync(l => l.GroupId == group.Id, cancellationToken);
        var inheriting = evenWithoutLicenses && await db.InheritedLicenses.AnyAsync(i => i.GroupId == group.Id, cancellationToken);
        if (licensed || inheriting) await QueueAsync(db, group, userIds, admin, now, cancellationToken);
    }

    private static async Task QueueAsync(AppDbContext db, Group group, IReadOnlyList<Guid> userIds, ActingAdmin admin, DateTime now, CancellationToken cancellationToken)
    {
        group.MarkQueued(admin.Upn);
        if (userIds.Count == 0)
        {
            group.MarkDone();
            return;
        }
        await GroupLicenseSources.EnqueueAsync(db, admin.TenantId, userIds, group.Id, admin.Upn, now, cancellationToken);
    }

    private static void Validate(LicensingCatalog catalog, IReadOnlyList<ProductLicense> licenses)
    {
        var seen = new HashSet<Guid>();
        foreach (var license in licenses)
        {
            if (!catalog.TryGetProduct(license.ProductId, out var product)) throw new DomainException(ViolationMessages.UnknownProduct(license.ProductId).Reason);
            if (!seen.Add(product.Id)) throw new DomainException(ViolationMessages.DuplicateProduct(product).Reason);
            foreach (var plan in license.DisabledPlanIds.Where(p => !product.Contains(p)))
                throw new DomainException(ViolationMessages.InvalidServicePlan(product, plan).Reason);
        }
    }

    private static async Task<Group> FindAsync(AppDbContext db, Guid groupId, CancellationToken cancellationToken) =>
        await db.Groups.SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken) ?? throw new GroupNotFoundException(groupId);

    private static async Task<Group> FindStaticAsync(AppDbContext db, Guid groupId, CancellationToken cancellationToken)
    {
        var group = await FindAsync(db, groupId, cancellationToken);
        if (group.IsDynamic) throw new DynamicGroupMembersException(group.DisplayName);
        return group;
    }

    private static async Task EnsureNameFreeAsync(AppDbContext db, string name, Guid? except, CancellationToken cancellationToken)
    {
        var lower = name.ToLower();
        if (await db.Groups.AnyAsync(g => g.DisplayName.ToLower() == lower && g.Id != except, cancellationToken))
            throw new DomainException(new DomainMessage("GroupNameTaken", "There is already a group named {Group}.", new { Group = name }));
    }

    private static async Task<string> NameOfAsync(AppDbContext db, Guid groupId, CancellationToken cancellationToken) =>
        await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => g.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? groupId.ToString();

    private static async Task<Dictionary<Guid, string>> ActiveUsersAsync(AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, string>();
        foreach (var chunk in userIds.Distinct().Chunk(IdChunks.Size))
        {
            var rows = await db.DirectoryUsers.AsNoTracking().Where(u => u.DeletedUtc == null && EF.Parameter(chunk).Contains(u.Id))
                .Select(u => new { u.Id, u.UserPrincipalName }).ToListAsync(cancellationToken);
            foreach (var row in rows) result[row.Id] = row.UserPrincipalName;
        }
        return result;
    }

    private static async Task<HashSet<Guid>> MembersAmongAsync(AppDbContext db, Guid groupId, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var result = new HashSet<Guid>();
        foreach (var chunk in userIds.Chunk(IdChunks.Size))
            result.UnionWith(await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == groupId && EF.Parameter(chunk).Contains(m.UserId))
                .Select(m => m.UserId).ToListAsync(cancellationToken));
        return result;
    }

    private static Task<Dictionary<Guid, string>> ProductNamesAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
}

public sealed class GroupNotFoundException(Guid groupId)
    : DomainException(new DomainMessage("GroupNotFound", "There is no group {Group} in this organisation.", new { Group = groupId }))
{
    public Guid GroupId => groupId;
}

public sealed class GroupMemberNotFoundException(Guid userId)
    : DomainException(new DomainMessage("UserNotFound", "There is no active user {User} in this organisation.", new { User = userId }))
{
    public Guid UserId => userId;
}

public sealed class GroupHoldsLicensesException(string group, IEnumerable<string> products)
    : DomainException(new DomainMessage("GroupHasLicenses",
        "The group {Group} gives licenses ({Products}). Remove its licenses before deleting it.",
        new { Group = group, Products = string.Join(", ", products) }));

public sealed class GroupStillProcessingException(string group)
    : DomainException(new DomainMessage("GroupStillProcessing",
        "Members still hold licenses from the group {Group}. Wait until its processing is done, then delete it.", new { Group = group }));

public sealed class DynamicGroupMembersException(string group)
    : DomainException(new DomainMessage("DynamicGroupMembers",
        "The members of {Group} follow its membership rule; they cannot be added or removed by hand.", new { Group = group }));

public sealed class ConcurrentGroupChangeException()
    : DomainException("ConcurrentGroupChange", "Another admin changed this group at the same time. Nothing was changed; review the group and try again.");
