using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>
/// Adding, changing, deleting and restoring users, their roles and passwords. Each method checks the caller's
/// reloaded role, changes one tenant in one transaction with its audit entries, and refuses with a sentence
/// naming the user and the rule (audited as refused).
/// </summary>
public sealed partial class UserService(AuditedChanges changes, IServiceScopeFactory scopes, ILogger<UserService> logger)
{
    public Task<Guid> CreateAsync(Caller caller, NewUser request, CancellationToken cancellationToken) =>
        CreateAsync(caller, request, [], cancellationToken);

    /// <summary>
    /// Adds a user and gives them the licenses in one all-or-nothing change: a license the rules refuse (no seat,
    /// no usage location, a plan conflict, a role that may not assign) leaves no user behind. The licenses are
    /// written as a "Change user licenses" operation, so they can be undone like any other.
    /// </summary>
    public Task<Guid> CreateAsync(Caller caller, NewUser request, IReadOnlyList<ProductLicense> licenses, CancellationToken cancellationToken) =>
        CreateAsync(caller, request, licenses, signInBlocked: false, cancellationToken);

    private async Task LicenseNewUserAsync(
        AppDbContext db, ActingAdmin admin, DateTime now, DirectoryUser user, IReadOnlyList<ProductLicense> licenses, CancellationToken cancellationToken)
    {
        if (!admin.Allows(Permission.AssignLicenses))
            throw new AccessDeniedException(PermissionNames.Refusal(admin, Permission.AssignLicenses));
        // The planner reads the user from the database, inside this transaction.
        await db.SaveChangesAsync(cancellationToken);
        var catalog = await LicensingCatalogLoader.LoadAsync(db, cancellationToken);
        await LicenseChangeCommit.WriteAsync(db, catalog, admin, now, UserSelection.Of([user.Id]), ids => new ReplaceLicenses(ids, licenses),
            LicenseService.SetLicensesKind, undone: null, logger, cancellationToken);
    }

    public Task UpdateAsync(Caller caller, Guid userId, UserProfile profile, CancellationToken cancellationToken) =>
        UpdateAsync(caller, userId, profile, signInBlocked: null, cancellationToken);

    /// <summary>Blocking also renews the sign-in account's security stamp, so open sessions end at their next revalidation.</summary>
    public Task SetSignInBlockedAsync(Caller caller, Guid userId, bool blocked, CancellationToken cancellationToken) =>
        ChangeAsync(caller, Permission.ManageUsers, AuditAction.UpdateUser, db => UserSelection.NameOfAsync(db, userId, CancellationToken.None),
            async (db, admin, now) =>
            {
                await GlobalAdmins.LockWithAsync(db, userId, cancellationToken);
                var user = await ActiveUserAsync(db, userId, cancellationToken);
                if (!RolePolicy.MayManageUser(admin.Roles, user.Roles)) throw UserRefusals.MayNotManage(admin, user);
                if (user.SignInBlocked == blocked) return false;
                await BlockAsync(db, user, blocked, cancellationToken);
                // user.accountEnabled is a property dynamic groups test.
                await GroupLicenseSources.RefreshDynamicMembershipsAsync(db, admin.TenantId, [user], admin.Upn, now, cancellationToken);
                AuditTrail.Succeeded(db, admin, now, AuditAction.UpdateUser, user.UserPrincipalName,
                    new { SignInBlocked = !blocked }, new { SignInBlocked = blocked }, targetId: userId);
                return true;
            }, cancellationToken);

    /// <summary>Replaces the user's admin roles. A changed role also ends the user's open sessions, so menus follow the new role.</summary>
    public Task SetRolesAsync(Caller caller, Guid userId, AdminRoles roles, CancellationToken cancellationToken) =>
        ChangeAsync(caller, Permission.ManageRoles, AuditAction.AddMemberToRole, db => UserSelection.NameOfAsync(db, userId, CancellationToken.None),
            async (db, admin, now) =>
            {
                if ((roles & ~RolePolicy.AllRoles) != 0) throw UserRefusals.NotRoles(roles);
                await GlobalAdmins.LockWithAsync(db, userId, cancellationToken);
                var user = await ActiveUserAsync(db, userId, cancellationToken);
                if (user.Roles == roles) return false;
                if (user.Roles.HasFlag(AdminRoles.GlobalAdministrator) && !roles.HasFlag(AdminRoles.GlobalAdministrator) &&
                    !await GlobalAdmins.AnyRemainsAsync(db, new HashSet<Guid> { userId }, mustSignIn: false, cancellationToken))
                    throw UserRefusals.LastGlobalAdminRole(user);

                var before = user.Roles;
                user.SetRoles(roles);
                AuditTrail.Succeeded(db, admin, now, AuditAction.AddMemberToRole, user.UserPrincipalName,
                    new { Roles = before.DisplayName() }, new { Roles = roles.DisplayName() }, targetId: userId);
                await EndSessionsAsync(db, [userId], cancellationToken);
                return true;
            }, cancellationToken);

    /// <summary>Sets a new temporary password (returned once, never stored in clear or audited) and lifts a lockout.</summary>
    public Task<string> ResetPasswordAsync(Caller caller, Guid userId, CancellationToken cancellationToken) =>
        ChangeAsync(caller, Permission.ResetPasswords, AuditAction.ResetUserPassword, db => UserSelection.NameOfAsync(db, userId, CancellationToken.None),
            async (db, admin, now) =>
            {
                var user = await ActiveUserAsync(db, userId, cancellationToken);
                if (!SelfProtection.MayResetPassword(admin.UserId, user.Id)) throw UserRefusals.OwnPasswordReset(user);
                if (!RolePolicy.MayResetPassword(admin.Roles, user.Roles)) throw UserRefusals.MayNotResetPassword(admin, user);

                await using var accounts = await SignInAccounts.JoinAsync(scopes, db, cancellationToken);
                var account = await accounts.OfAsync(userId, cancellationToken) ?? throw UserRefusals.NoSignInAccount(user);
                var password = SignInAccounts.NewTemporaryPassword();
                if (await accounts.Manager.HasPasswordAsync(account)) SignInAccounts.Ensure(await accounts.Manager.RemovePasswordAsync(account));
                var added = await accounts.Manager.AddPasswordAsync(account, password);
                if (!added.Succeeded) throw UserRefusals.PasswordRejected(user, added.Errors.Select(e => e.Description));
                SignInAccounts.Ensure(await accounts.Manager.SetLockoutEndDateAsync(account, null));
                SignInAccounts.Ensure(await accounts.Manager.ResetAccessFailedCountAsync(account));

                AuditTrail.Succeeded(db, admin, now, AuditAction.ResetUserPassword, user.UserPrincipalName, targetId: userId);
                return password;
            }, cancellationToken);

    /// <summary>Every user change runs as an audited change; a concurrent write is refused with the users' sentence.</summary>
    private Task<T> ChangeAsync<T>(
        Caller caller, Permission permission, string action, Func<AppDbContext, Task<string>> target,
        Func<AppDbContext, ActingAdmin, DateTime, Task<T>> change, CancellationToken cancellationToken) =>
        changes.RunAsync(new AuditedChange(caller, permission, action, target, UserRefusals.ConcurrentChange), change, cancellationToken);

    private async Task EndSessionsAsync(AppDbContext db, IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        await using var accounts = await SignInAccounts.JoinAsync(scopes, db, cancellationToken);
        await accounts.EndSessionsAsync(userIds, cancellationToken);
    }

    private static async Task<DirectoryUser> UserAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken) =>
        await db.DirectoryUsers.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw UserRefusals.NotFound(userId);

    private static async Task<DirectoryUser> ActiveUserAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var user = await UserAsync(db, userId, cancellationToken);
        return user.IsDeleted ? throw UserRefusals.Deleted(user) : user;
    }

    /// <summary>A username is unique among active users of every tenant (deleted users free theirs, decision 0004).</summary>
    private static async Task EnsureUsernameFreeAsync(AppDbContext db, DirectoryUser user, UserChangeRefusedException refusal, CancellationToken cancellationToken)
    {
        if (await UsernameTakenAsync(db, user, cancellationToken)) throw refusal;
    }
}
