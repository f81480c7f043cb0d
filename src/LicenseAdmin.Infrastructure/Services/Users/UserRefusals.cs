using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Services.Security;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>A user change broke a rule, so nothing was written. The message names the user and the rule.</summary>
public sealed class UserChangeRefusedException(DomainMessage reason) : DomainException(reason);

/// <summary>Every sentence the user service refuses with, in one place, so pages, API and tests agree.</summary>
public static class UserRefusals
{
    public static UserChangeRefusedException NotFound(Guid userId) =>
        Refuse("UserNotFound", "There is no user {User} in this organisation.", new { User = userId });

    public static UserChangeRefusedException NoUsers() =>
        Refuse("EmptySelection", "No users are selected. Select at least one user.");

    public static UserChangeRefusedException UsernameTaken(string upn) =>
        Refuse("UsernameTaken", "The username {Username} is already used by another user.", new { Username = upn });

    public static UserChangeRefusedException UsageLocationRequired(DirectoryUser user) =>
        Refuse("UsageLocationRequired", "{User} has licenses; a usage location is required while the user holds licenses.", Naming(user));

    public static UserChangeRefusedException Deleted(DirectoryUser user) =>
        Refuse("UserDeleted", "{User} is deleted. Restore the user before changing it.", Naming(user));

    public static UserChangeRefusedException AlreadyDeleted(DirectoryUser user) =>
        Refuse("UserAlreadyDeleted", "{User} is already deleted.", Naming(user));

    public static UserChangeRefusedException NotDeleted(DirectoryUser user) =>
        Refuse("UserNotDeleted", "{User} is not deleted, so there is nothing to restore.", Naming(user));

    public static UserChangeRefusedException MayNotManage(ActingAdmin admin, DirectoryUser user) =>
        Refuse("AccessDenied", "Your role ({Role}) cannot change {User}, who has admin roles.", new { Role = admin.Roles.Named(), User = user.UserPrincipalName });

    public static UserChangeRefusedException MayNotDelete(ActingAdmin admin, DirectoryUser user) =>
        Refuse("AccessDenied", "Your role ({Role}) cannot delete {User}, who has admin roles.", new { Role = admin.Roles.Named(), User = user.UserPrincipalName });

    public static UserChangeRefusedException MayNotRestore(ActingAdmin admin, DirectoryUser user) =>
        Refuse("AccessDenied", "Your role ({Role}) cannot restore {User}, who has admin roles.", new { Role = admin.Roles.Named(), User = user.UserPrincipalName });

    public static UserChangeRefusedException MayNotResetPassword(ActingAdmin admin, DirectoryUser user) =>
        Refuse("AccessDenied", "Your role ({Role}) cannot reset the password of {User} ({UserRoles}).",
            new { Role = admin.Roles.Named(), User = user.UserPrincipalName, UserRoles = user.Roles.Named() });

    public static UserChangeRefusedException OwnAccountDelete(DirectoryUser user) =>
        Refuse("OwnAccount", "You cannot delete your own account ({User}); another administrator has to.", Naming(user));

    public static UserChangeRefusedException OwnPasswordReset(DirectoryUser user) =>
        Refuse("OwnAccount", "You cannot reset your own password ({User}) here; change it on the Change password page.", Naming(user));

    public static UserChangeRefusedException LastGlobalAdminDelete(DirectoryUser user) =>
        Refuse("LastGlobalAdministrator", "Nobody can delete the last global administrator ({User}).", Naming(user));

    public static UserChangeRefusedException LastGlobalAdminRole(DirectoryUser user) =>
        Refuse("LastGlobalAdministrator", "{User} is the last global administrator; make another user a global administrator first.", Naming(user));

    public static UserChangeRefusedException LastGlobalAdminBlock(DirectoryUser user) =>
        Refuse("LastGlobalAdministrator",
            "{User} is the last global administrator who can sign in; unblock or add another global administrator first.", Naming(user));

    public static UserChangeRefusedException NotRoles(AdminRoles roles) =>
        Refuse("InvalidRoles", "{Roles} is not a set of admin roles.", new { Roles = (int)roles });

    /// <summary>The 30 days of <see cref="ServiceProvisioning.RetentionPeriod"/> are over; the purge service removes the user.</summary>
    public static UserChangeRefusedException RetentionOver(DirectoryUser user) =>
        Refuse("RetentionPeriodOver", "{User} was deleted more than 30 days ago and cannot be restored.", Naming(user));

    public static UserChangeRefusedException RestoreUsernameTaken(DirectoryUser user) =>
        Refuse("UsernameTaken", "{User} cannot be restored: the username is now used by another user.", Naming(user));

    public static UserChangeRefusedException NoSignInAccount(DirectoryUser user) =>
        Refuse("NoSignInAccount", "{User} has no sign-in account, so there is no password to reset.", Naming(user));

    public static UserChangeRefusedException OwnMfaReset(DirectoryUser user) =>
        Refuse("OwnAccount", "You cannot reset your own multi-factor authentication ({User}) here; use the Two-factor authentication page of your account.", Naming(user));

    public static UserChangeRefusedException NoSignInAccountForMfa(DirectoryUser user) =>
        Refuse("NoSignInAccount", "{User} has no sign-in account, so there is no multi-factor authentication to reset.", Naming(user));

    /// <summary>The password rules' own sentences (from the identity system) are passed on as they are.</summary>
    public static UserChangeRefusedException PasswordRejected(DirectoryUser user, IEnumerable<string> errors) =>
        Refuse("PasswordRejected", "The password of {User} was not reset: {Errors}", new { User = user.UserPrincipalName, Errors = string.Join(" ", errors) });

    public static UserChangeRefusedException ConcurrentChange() =>
        Refuse("ConcurrentChange", "Another admin changed these users at the same time. Nothing was changed; review the users and try again.");

    /// <summary>Several users cannot be restored: one refusal naming every one of them.</summary>
    public static UserChangeRefusedException All(IReadOnlyList<UserChangeRefusedException> refusals) =>
        refusals.Count == 1 ? refusals[0] : new(DomainMessage.Join(" ", refusals.Select(r => r.Reason)));

    private static object Naming(DirectoryUser user) => new { User = user.UserPrincipalName };

    private static UserChangeRefusedException Refuse(string code, string template, object? values = null) => new(new DomainMessage(code, template, values));
}
