using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>Deleted users (docs/product-rules.md, "Deleting and restoring users").</summary>
public sealed partial class UserService
{
    // A restore that loses a race for the last seats (possible on SQL Server) is planned again on fresh counts.
    private const int RestoreAttempts = 3;

    /// <summary>
    /// Moves the users to Deleted users, all or nothing: every license is removed and its seat freed at once
    /// (Exchange data retained 30 days), sign-in is blocked and open sessions end. Each user's "Delete user"
    /// audit entry keeps the licenses they held, which is what a restore gives back.
    /// </summary>
    public Task<UserDeletionResult> DeleteAsync(Caller caller, UserSelection selection, CancellationToken cancellationToken) =>
        ChangeAsync(caller, Permission.DeleteAndRestoreUsers, AuditAction.DeleteUser, db => selection.DescribeAsync(db, CancellationToken.None),
            async (db, admin, now) =>
            {
                var users = await DeletableUsersAsync(db, admin, selection, cancellationToken);
                var ids = users.Select(u => u.Id).ToList();
                var catalog = await LicensingCatalogLoader.LoadAsync(db, cancellationToken);
                var state = new LicensingState(
                    await LicensingStateLoader.SeatsAsync(db, cancellationToken),
                    await LicensingStateLoader.UsersAsync(db, UserSelection.Of(ids), includeDeleted: false, cancellationToken));
                var plan = new LicensePlanner(catalog).Plan(state, new RemoveAllLicenses(ids));
                if (!plan.IsValid) throw new LicenseChangeRefusedException(plan.Violations);

                var operationId = Guid.NewGuid();
                // What a restore gives back is the direct part of each license; what the user inherited comes back from
                // their groups, which a deleted user stays a member of (decision 0021).
                var direct = await GroupLicenseSources.DirectLicensesAsync(db, ids, cancellationToken);
                foreach (var user in users)
                {
                    state.TryGetUser(user.Id, out var held);
                    var own = direct.GetValueOrDefault(user.Id) ?? new Dictionary<Guid, IReadOnlyList<Guid>>();
                    var before = held.Licenses.Where(l => own.ContainsKey(l.ProductId))
                        .Select(l => AuditedLicense.Of(catalog, new ProductLicense(l.ProductId, own[l.ProductId]))).ToList();
                    AuditTrail.Succeeded(db, admin, now, AuditAction.DeleteUser, user.UserPrincipalName,
                        before: before, operationId: operationId, targetId: user.Id);
                    user.MarkDeleted(now);
                }

                await EndSessionsAsync(db, ids, cancellationToken);
                // Writes the removals the same way a license change does: seats freed, provisioning retained, audited.
                if (plan.HasChanges) await LicensePlanWriter.WriteAsync(db, catalog, plan, admin, operationId, now, cancellationToken);
                await GroupLicenseSources.ForgetInheritanceAsync(db, ids, cancellationToken);
                return new UserDeletionResult(ids, plan.Seats);
            }, cancellationToken);

    /// <summary>
    /// Brings deleted users back within 30 days, with the licenses they had where seats allow. Whether each user
    /// may come back is all or nothing (decision 0004): one user past the 30 days, whose username is taken or whom
    /// the caller's role may not restore refuses the request, naming every such user. Licenses are per product:
    /// those without a free seat are reported, never oversold.
    /// </summary>
    public async Task<UserRestoreResult> RestoreAsync(Caller caller, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ChangeAsync(caller, Permission.DeleteAndRestoreUsers, AuditAction.RestoreUser,
                    db => UserSelection.Of(userIds).DescribeAsync(db, CancellationToken.None),
                    (db, admin, now) => RestoreInTransactionAsync(db, admin, now, userIds, cancellationToken), cancellationToken);
            }
            catch (LicenseChangeRefusedException ex) when (attempt < RestoreAttempts && ex.Violations.All(v => v.Code == ViolationCode.CountViolation))
            {
                logger.LogInformation("Restore lost a race for seats in tenant {Tenant}; planning again", caller.TenantId);
            }
        }
    }

    private async Task<UserRestoreResult> RestoreInTransactionAsync(
        AppDbContext db, ActingAdmin admin, DateTime now, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var users = await RestorableUsersAsync(db, admin, now, userIds, cancellationToken);
        var previous = await LicensesAtDeletionAsync(db, userIds, cancellationToken);
        var catalog = await LicensingCatalogLoader.LoadAsync(db, cancellationToken);
        var state = new LicensingState(
            await LicensingStateLoader.SeatsAsync(db, cancellationToken),
            await LicensingStateLoader.UsersAsync(db, UserSelection.Of(users.Select(u => u.Id)), includeDeleted: true, cancellationToken));
        var request = users.Select(u => new UserLicenses(u.Id, previous.GetValueOrDefault(u.Id, []))).ToList();
        var plan = new LicensePlanner(catalog).Plan(state, new RestoreUsers(request));
        if (!plan.IsValid) throw new LicenseChangeRefusedException(plan.Violations);

        var operationId = Guid.NewGuid();
        var results = new List<RestoredUser>();
        foreach (var (user, userPlan) in users.Zip(plan.Users))
        {
            user.MarkRestored();
            var restored = userPlan.Added.Select(l => AuditedLicense.Of(catalog, l)).ToList();
            results.Add(new RestoredUser(user.Id, user.UserPrincipalName, restored, userPlan.NotRestored));
            AuditTrail.Succeeded(db, admin, now, AuditAction.RestoreUser, user.UserPrincipalName, after: restored, operationId: operationId,
                detail: userPlan.NotRestored.Count == 0 ? null : string.Join(" ", userPlan.NotRestored.Select(v => v.Message)), targetId: user.Id);
        }

        // Seats are taken with the conditional update, so a concurrent restore or assignment cannot oversell.
        if (plan.HasChanges) await LicensePlanWriter.WriteAsync(db, catalog, plan, admin, operationId, now, cancellationToken);
        // Back in their groups: dynamic rules are evaluated for them as they are now, and every restored user is queued so
        // the processor gives what their groups give against the seats of the moment (or an error state saying why not).
        await GroupLicenseSources.RefreshDynamicMembershipsAsync(db, admin.TenantId, users, admin.Upn, now, cancellationToken);
        var inGroups = await GroupLicenseSources.MembersAmongAsync(db, users.Select(u => u.Id).ToList(), cancellationToken);
        await GroupLicenseSources.EnqueueAsync(db, admin.TenantId, inGroups, null, admin.Upn, now, cancellationToken);
        return new UserRestoreResult(results);
    }

    private static async Task<List<DirectoryUser>> DeletableUsersAsync(
        AppDbContext db, ActingAdmin admin, UserSelection selection, CancellationToken cancellationToken)
    {
        var users = selection.UserIds is { } ids
            ? await ListedUsersAsync(db, ids, cancellationToken)
            : await selection.Filter!.Apply(db).ToListAsync(cancellationToken);
        if (users.Count == 0) throw UserRefusals.NoUsers();

        foreach (var user in users)
        {
            if (user.IsDeleted) throw UserRefusals.AlreadyDeleted(user);
            if (!RolePolicy.MayDeleteOrRestore(admin.Roles, user.Roles)) throw UserRefusals.MayNotDelete(admin, user);
        }

        var globalAdmin = users.FirstOrDefault(u => u.Roles.HasFlag(AdminRoles.GlobalAdministrator));
        if (globalAdmin is not null && !await GlobalAdmins.AnyRemainsAsync(db, users.Select(u => u.Id).ToHashSet(), mustSignIn: false, cancellationToken))
            throw UserRefusals.LastGlobalAdminDelete(globalAdmin);
        // Also when a filtered bulk delete happens to include the acting admin.
        if (users.FirstOrDefault(u => !SelfProtection.MayDelete(admin.UserId, u.Id)) is { } self) throw UserRefusals.OwnAccountDelete(self);
        return users;
    }

    private static async Task<List<DirectoryUser>> RestorableUsersAsync(
        AppDbContext db, ActingAdmin admin, DateTime now, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var users = await ListedUsersAsync(db, userIds.Distinct().ToList(), cancellationToken);
        if (users.Count == 0) throw UserRefusals.NoUsers();

        var refusals = new List<UserChangeRefusedException>();
        foreach (var user in users)
        {
            if (!user.IsDeleted) refusals.Add(UserRefusals.NotDeleted(user));
            else if (!RolePolicy.MayDeleteOrRestore(admin.Roles, user.Roles)) refusals.Add(UserRefusals.MayNotRestore(admin, user));
            else if (user.IsDueForPurge(now)) refusals.Add(UserRefusals.RetentionOver(user));
            else if (await UsernameTakenAsync(db, user, cancellationToken)) refusals.Add(UserRefusals.RestoreUsernameTaken(user));
        }

        if (refusals.Count > 0) throw UserRefusals.All(refusals);
        return users;
    }

    /// <summary>The listed users in the order given; an id the tenant does not have refuses the request.</summary>
    private static async Task<List<DirectoryUser>> ListedUsersAsync(AppDbContext db, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, DirectoryUser>();
        foreach (var chunk in ids.Chunk(IdChunks.Size))
            foreach (var user in await db.DirectoryUsers.Where(u => chunk.Contains(u.Id)).ToListAsync(cancellationToken))
                found[user.Id] = user;
        foreach (var id in ids)
            if (!found.ContainsKey(id)) throw UserRefusals.NotFound(id);
        return ids.Select(id => found[id]).ToList();
    }

    private static Task<bool> UsernameTakenAsync(AppDbContext db, DirectoryUser user, CancellationToken cancellationToken) =>
        db.DirectoryUsers.IgnoreQueryFilters()
            .AnyAsync(u => u.UserPrincipalName == user.UserPrincipalName && u.DeletedUtc == null && u.Id != user.Id, cancellationToken);

    /// <summary>Each user's licenses as their latest "Delete user" audit entry recorded them.</summary>
    private static async Task<Dictionary<Guid, IReadOnlyList<ProductLicense>>> LicensesAtDeletionAsync(
        AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken) =>
        (await DeletionRecords.LicensesAtDeletionAsync(db, userIds, cancellationToken))
            .ToDictionary(p => p.Key, p => (IReadOnlyList<ProductLicense>)p.Value.Select(l => new ProductLicense(l.ProductId, l.DisabledPlanIds)).ToList());
}
