using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
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
public sealed partial class UserService(
    TenantDbContextFactory contexts, IServiceScopeFactory scopes, TimeProvider clock, ILogger<UserService> logger)
{
    public async Task<Guid> CreateAsync(Caller caller, NewUser request, CancellationToken cancellationToken) =>
        await ChangeAsync(caller, Permission.ManageUsers, AuditAction.AddUser, _ => Task.FromResult(request.UserPrincipalName),
            async (db, admin, now) =>
            {
                var user = new DirectoryUser(Guid.NewGuid(), caller.TenantId, request.UserPrincipalName, request.DisplayName, request.Kind, now);
                user.UpdateProfile(request.DisplayName, request.FirstName, request.LastName, request.Department, request.JobTitle);
                user.SetUsageLocation(request.UsageLocation);
                await EnsureUsernameFreeAsync(db, user, UserRefusals.UsernameTaken(user.UserPrincipalName), cancellationToken);
                db.DirectoryUsers.Add(user);
                AuditTrail.Succeeded(db, admin, now, AuditAction.AddUser, user.UserPrincipalName,
                    after: UserProfile.Of(user), targetId: user.Id);
                return user.Id;
            }, cancellationToken);

    public Task UpdateAsync(Caller caller, Guid userId, UserProfile profile, CancellationToken cancellationToken) =>
        ChangeAsync(caller, Permission.ManageUsers, AuditAction.UpdateUser, db => UserSelection.NameOfAsync(db, userId, CancellationToken.None),
            async (db, admin, now) =>
            {
                var user = await ActiveUserAsync(db, userId, cancellationToken);
                if (!RolePolicy.MayManageUser(admin.Roles, user.Roles)) throw UserRefusals.MayNotManage(admin, user);
                var before = UserProfile.Of(user);
                user.UpdateProfile(profile.DisplayName, profile.FirstName, profile.LastName, profile.Department, profile.JobTitle);
                user.SetUsageLocation(profile.UsageLocation);
                if (user.UsageLocation is null && await db.LicenseAssignments.AnyAsync(a => a.UserId == userId, cancellationToken))
                    throw UserRefusals.UsageLocationRequired(user);
                AuditTrail.Succeeded(db, admin, now, AuditAction.UpdateUser, user.UserPrincipalName, before, UserProfile.Of(user), targetId: userId);
                return true;
            }, cancellationToken);

    /// <summary>Blocking also renews the sign-in account's security stamp, so open sessions end at their next revalidation.</summary>
    public Task SetSignInBlockedAsync(Caller caller, Guid userId, bool blocked, CancellationToken cancellationToken) =>
        ChangeAsync(caller, Permission.ManageUsers, AuditAction.UpdateUser, db => UserSelection.NameOfAsync(db, userId, CancellationToken.None),
            async (db, admin, now) =>
            {
                var user = await ActiveUserAsync(db, userId, cancellationToken);
                if (!RolePolicy.MayManageUser(admin.Roles, user.Roles)) throw UserRefusals.MayNotManage(admin, user);
                if (user.SignInBlocked == blocked) return false;
                if (blocked && user.Roles.HasFlag(AdminRoles.GlobalAdministrator) &&
                    !await GlobalAdmins.AnyRemainsAsync(db, new HashSet<Guid> { userId }, mustSignIn: true, cancellationToken))
                    throw UserRefusals.LastGlobalAdminBlock(user);

                user.SetSignInBlocked(blocked);
                AuditTrail.Succeeded(db, admin, now, AuditAction.UpdateUser, user.UserPrincipalName,
                    new { SignInBlocked = !blocked }, new { SignInBlocked = blocked }, targetId: userId);
                if (blocked) await EndSessionsAsync(db, [userId], cancellationToken);
                return true;
            }, cancellationToken);

    /// <summary>Replaces the user's admin roles. A changed role also ends the user's open sessions, so menus follow the new role.</summary>
    public Task SetRolesAsync(Caller caller, Guid userId, AdminRoles roles, CancellationToken cancellationToken) =>
        ChangeAsync(caller, Permission.ManageRoles, AuditAction.AddMemberToRole, db => UserSelection.NameOfAsync(db, userId, CancellationToken.None),
            async (db, admin, now) =>
            {
                if ((roles & ~RolePolicy.AllRoles) != 0) throw UserRefusals.NotRoles(roles);
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

    /// <summary>
    /// The shape of every change: permission checked on reloaded roles, the change and its audit entries in one
    /// transaction, and any refusal audited with its sentence before it is thrown.
    /// </summary>
    private async Task<T> ChangeAsync<T>(
        Caller caller, Permission permission, string action, Func<AppDbContext, Task<string>> target,
        Func<AppDbContext, ActingAdmin, DateTime, Task<T>> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var targetName = await target(db);
        var admin = await CallerGuard.RequireAsync(db, caller, permission, action, targetName, now, cancellationToken);
        try
        {
            var result = await WriteTransaction.RunAsync(db, async token =>
            {
                var result = await change(db, admin, now);
                await db.SaveChangesAsync(token);
                return result;
            }, cancellationToken);
            logger.LogInformation("{Actor} did {Action} on {Target} in tenant {Tenant}", admin.Upn, action, targetName, admin.TenantId);
            return result;
        }
        catch (DomainException ex)
        {
            await AuditTrail.RefusedAsync(db, admin, now, action, targetName, ex.Message, cancellationToken);
            throw;
        }
        catch (DbUpdateException ex)
        {
            // SQL Server: another admin wrote the same rows (or took the same username) between our read and our write.
            logger.LogWarning(ex, "Concurrent user change in tenant {Tenant}", admin.TenantId);
            var conflict = UserRefusals.ConcurrentChange();
            await AuditTrail.RefusedAsync(db, admin, now, action, targetName, conflict.Message, cancellationToken);
            throw conflict;
        }
    }

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
