using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>
/// Changes that set a user's profile and sign-in state together (Graph's <c>accountEnabled</c> beside the profile):
/// one transaction, one audit entry, the same rules as the single changes.
/// </summary>
public sealed partial class UserService
{
    /// <summary>
    /// Adds a user (with licenses, as <see cref="CreateAsync(Caller, NewUser, IReadOnlyList{ProductLicense}, CancellationToken)"/>),
    /// blocked from signing in from the start when asked: one "Add user" entry whose after-state says so.
    /// </summary>
    public Task<Guid> CreateAsync(
        Caller caller, NewUser request, IReadOnlyList<ProductLicense> licenses, bool signInBlocked, CancellationToken cancellationToken) =>
        ChangeAsync(caller, Permission.ManageUsers, AuditAction.AddUser, _ => Task.FromResult(request.UserPrincipalName),
            async (db, admin, now) =>
            {
                var user = new DirectoryUser(Guid.NewGuid(), caller.TenantId, request.UserPrincipalName, request.DisplayName, request.Kind, now);
                user.UpdateProfile(request.DisplayName, request.FirstName, request.LastName, request.Department, request.JobTitle);
                user.SetUsageLocation(request.UsageLocation);
                if (signInBlocked) user.SetSignInBlocked(true);
                await EnsureUsernameFreeAsync(db, user, UserRefusals.UsernameTaken(user.UserPrincipalName), cancellationToken);
                db.DirectoryUsers.Add(user);
                AuditTrail.Succeeded(db, admin, now, AuditAction.AddUser, user.UserPrincipalName,
                    after: signInBlocked ? new AccountState(UserProfile.Of(user), SignInBlocked: true) : UserProfile.Of(user), targetId: user.Id);
                if (licenses.Count > 0) await LicenseNewUserAsync(db, admin, now, user, licenses, cancellationToken);
                await GroupLicenseSources.RefreshDynamicMembershipsAsync(db, admin.TenantId, [user], admin.Upn, now, cancellationToken);
                return user.Id;
            }, cancellationToken);

    /// <summary>
    /// Writes the profile and, when given, the sign-in state in one change with one "Update user" entry. Blocking
    /// keeps its rules (never the last Global administrator who can sign in) and ends the user's sessions.
    /// </summary>
    public Task UpdateAsync(Caller caller, Guid userId, UserProfile profile, bool? signInBlocked, CancellationToken cancellationToken) =>
        UpdateAsync(caller, userId, profile, signInBlocked, userPrincipalName: null, cancellationToken);

    /// <summary>
    /// The same change, and when <paramref name="userPrincipalName"/> is given also a new username: in the
    /// organisation's domain and not held by another active user (ignoring case; a deleted user frees theirs, decision
    /// 0004). The sign-in account, if any, follows the new name. One "Update user" entry records the old and new name.
    /// </summary>
    public Task UpdateAsync(
        Caller caller, Guid userId, UserProfile profile, bool? signInBlocked, string? userPrincipalName, CancellationToken cancellationToken) =>
        ChangeAsync(caller, Permission.ManageUsers, AuditAction.UpdateUser, db => UserSelection.NameOfAsync(db, userId, CancellationToken.None),
            async (db, admin, now) =>
            {
                if (signInBlocked is not null) await GlobalAdmins.LockWithAsync(db, userId, cancellationToken);
                var user = await ActiveUserAsync(db, userId, cancellationToken);
                if (!RolePolicy.MayManageUser(admin.Roles, user.Roles)) throw UserRefusals.MayNotManage(admin, user);
                var before = UserProfile.Of(user);
                var wasBlocked = user.SignInBlocked;
                var oldName = user.UserPrincipalName;
                user.UpdateProfile(profile.DisplayName, profile.FirstName, profile.LastName, profile.Department, profile.JobTitle);
                user.SetUsageLocation(profile.UsageLocation);
                if (user.UsageLocation is null && await db.LicenseAssignments.AnyAsync(a => a.UserId == userId, cancellationToken))
                    throw UserRefusals.UsageLocationRequired(user);
                if (userPrincipalName is not null) await RenameAsync(db, user, userPrincipalName, cancellationToken);
                var renamed = user.UserPrincipalName != oldName;

                object recordedBefore = before, recordedAfter = UserProfile.Of(user);
                if (signInBlocked is { } blocked && blocked != wasBlocked)
                {
                    await BlockAsync(db, user, blocked, cancellationToken);
                    (recordedBefore, recordedAfter) = (new AccountState(before, wasBlocked), new AccountState(UserProfile.Of(user), blocked));
                }
                await GroupLicenseSources.RefreshDynamicMembershipsAsync(db, admin.TenantId, [user], admin.Upn, now, cancellationToken);
                if (renamed) (recordedBefore, recordedAfter) = (Named(recordedBefore, oldName), Named(recordedAfter, user.UserPrincipalName));
                AuditTrail.Succeeded(db, admin, now, AuditAction.UpdateUser, user.UserPrincipalName, recordedBefore, recordedAfter, targetId: userId);
                return true;
            }, cancellationToken);

    /// <summary>
    /// The rename rule: the domain's (in <see cref="DirectoryUser.ChangeUserPrincipalName"/>), then free among active
    /// users of every tenant, then the sign-in account's user name and email follow.
    /// </summary>
    private async Task RenameAsync(AppDbContext db, DirectoryUser user, string userPrincipalName, CancellationToken cancellationToken)
    {
        var domain = await db.Tenants.IgnoreQueryFilters().Where(t => t.Id == user.TenantId).Select(t => t.InitialDomain).SingleAsync(cancellationToken);
        var oldName = user.UserPrincipalName;
        user.ChangeUserPrincipalName(userPrincipalName, domain);
        if (user.UserPrincipalName == oldName) return;
        await EnsureUsernameFreeAsync(db, user, UserRefusals.UsernameTaken(user.UserPrincipalName), cancellationToken);

        await using var accounts = await SignInAccounts.JoinAsync(scopes, db, cancellationToken);
        if (await accounts.OfAsync(user.Id, cancellationToken) is not { } account) return;
        // A deleted user's account keeps its name until the purge (decision 0004), so Identity may still hold it.
        // The email is the username here; set as it is (SetEmailAsync would mark it unconfirmed), normalised by the update.
        account.Email = user.UserPrincipalName;
        var named = await accounts.Manager.SetUserNameAsync(account, user.UserPrincipalName);
        if (!named.Succeeded) throw UserRefusals.UsernameTaken(user.UserPrincipalName);
    }

    /// <summary>A recorded state with the username first, as a rename records it.</summary>
    private static System.Text.Json.Nodes.JsonObject Named(object state, string userPrincipalName)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(AuditTrail.ToJson(state)!)!.AsObject();
        json.Insert(0, "userPrincipalName", userPrincipalName);
        return json;
    }

    /// <summary>The sign-in rule of blocking, shared by the single change and the combined one; the caller has locked the user.</summary>
    private async Task BlockAsync(AppDbContext db, DirectoryUser user, bool blocked, CancellationToken cancellationToken)
    {
        if (blocked && user.Roles.HasFlag(AdminRoles.GlobalAdministrator) &&
            !await GlobalAdmins.AnyRemainsAsync(db, new HashSet<Guid> { user.Id }, mustSignIn: true, cancellationToken))
            throw UserRefusals.LastGlobalAdminBlock(user);
        user.SetSignInBlocked(blocked);
        if (blocked) await EndSessionsAsync(db, [user.Id], cancellationToken);
    }

    /// <summary>A profile with its sign-in state, as the audit log keeps a combined change.</summary>
    private sealed record AccountState(
        string DisplayName, string? FirstName, string? LastName, string? Department, string? JobTitle, string? UsageLocation, bool SignInBlocked)
    {
        public AccountState(UserProfile profile, bool SignInBlocked)
            : this(profile.DisplayName, profile.FirstName, profile.LastName, profile.Department, profile.JobTitle, profile.UsageLocation, SignInBlocked)
        {
        }
    }
}
