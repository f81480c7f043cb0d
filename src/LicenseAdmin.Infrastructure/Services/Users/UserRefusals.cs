using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Services.Security;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>A user change broke a rule, so nothing was written. The message names the user and the rule.</summary>
public sealed class UserChangeRefusedException(string code, string message) : DomainException(code, message);

/// <summary>Every sentence the user service refuses with, in one place, so pages, API and tests agree.</summary>
public static class UserRefusals
{
    public static UserChangeRefusedException NotFound(Guid userId) =>
        new("UserNotFound", $"There is no user {userId} in this organisation.");

    public static UserChangeRefusedException NoUsers() =>
        new("EmptySelection", "No users are selected. Select at least one user.");

    public static UserChangeRefusedException UsernameTaken(string upn) =>
        new("UsernameTaken", $"The username {upn} is already used by another user.");

    public static UserChangeRefusedException UsageLocationRequired(DirectoryUser user) =>
        new("UsageLocationRequired", $"{user.UserPrincipalName} has licenses; a usage location is required while the user holds licenses.");

    public static UserChangeRefusedException Deleted(DirectoryUser user) =>
        new("UserDeleted", $"{user.UserPrincipalName} is deleted. Restore the user before changing it.");

    public static UserChangeRefusedException AlreadyDeleted(DirectoryUser user) =>
        new("UserAlreadyDeleted", $"{user.UserPrincipalName} is already deleted.");

    public static UserChangeRefusedException NotDeleted(DirectoryUser user) =>
        new("UserNotDeleted", $"{user.UserPrincipalName} is not deleted, so there is nothing to restore.");

    public static UserChangeRefusedException MayNotManage(ActingAdmin admin, DirectoryUser user) =>
        new("AccessDenied", $"Your role ({admin.RoleDescription}) cannot change {user.UserPrincipalName}, who has admin roles.");

    public static UserChangeRefusedException MayNotDelete(ActingAdmin admin, DirectoryUser user) =>
        new("AccessDenied", $"Your role ({admin.RoleDescription}) cannot delete {user.UserPrincipalName}, who has admin roles.");

    public static UserChangeRefusedException MayNotRestore(ActingAdmin admin, DirectoryUser user) =>
        new("AccessDenied", $"Your role ({admin.RoleDescription}) cannot restore {user.UserPrincipalName}, who has admin roles.");

    public static UserChangeRefusedException MayNotResetPassword(ActingAdmin admin, DirectoryUser user) =>
        new("AccessDenied",
            $"Your role ({admin.RoleDescription}) cannot reset the password of {user.UserPrincipalName} ({user.Roles.DisplayName()}).");

    public static UserChangeRefusedException LastGlobalAdminDelete(DirectoryUser user) =>
        new("LastGlobalAdministrator", $"Nobody can delete the last global administrator ({user.UserPrincipalName}).");

    public static UserChangeRefusedException LastGlobalAdminRole(DirectoryUser user) =>
        new("LastGlobalAdministrator",
            $"{user.UserPrincipalName} is the last global administrator; make another user a global administrator first.");

    public static UserChangeRefusedException LastGlobalAdminBlock(DirectoryUser user) =>
        new("LastGlobalAdministrator",
            $"{user.UserPrincipalName} is the last global administrator who can sign in; unblock or add another global administrator first.");

    public static UserChangeRefusedException NotRoles(AdminRoles roles) =>
        new("InvalidRoles", $"{(int)roles} is not a set of admin roles.");

    /// <summary>The 30 days of <see cref="ServiceProvisioning.RetentionPeriod"/> are over; the purge service removes the user.</summary>
    public static UserChangeRefusedException RetentionOver(DirectoryUser user) =>
        new("RetentionPeriodOver", $"{user.UserPrincipalName} was deleted more than 30 days ago and cannot be restored.");

    public static UserChangeRefusedException RestoreUsernameTaken(DirectoryUser user) =>
        new("UsernameTaken", $"{user.UserPrincipalName} cannot be restored: the username is now used by another user.");

    public static UserChangeRefusedException NoSignInAccount(DirectoryUser user) =>
        new("NoSignInAccount", $"{user.UserPrincipalName} has no sign-in account, so there is no password to reset.");

    public static UserChangeRefusedException PasswordRejected(DirectoryUser user, IEnumerable<string> errors) =>
        new("PasswordRejected", $"The password of {user.UserPrincipalName} was not reset: {string.Join(" ", errors)}");

    public static UserChangeRefusedException ConcurrentChange() =>
        new("ConcurrentChange", "Another admin changed these users at the same time. Nothing was changed; review the users and try again.");

    /// <summary>Several users cannot be restored: one refusal naming every one of them.</summary>
    public static UserChangeRefusedException All(IReadOnlyList<UserChangeRefusedException> refusals) =>
        refusals.Count == 1 ? refusals[0] : new(refusals[0].Code, string.Join(" ", refusals.Select(r => r.Message)));
}
