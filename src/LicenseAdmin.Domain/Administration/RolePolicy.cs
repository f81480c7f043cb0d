namespace LicenseAdmin.Domain.Administration;

/// <summary>
/// The role table of docs/product-rules.md ("Admin roles"), in one place. Pages use it to decide what to show; services use it
/// to decide what to allow. A page is never the security boundary.
/// </summary>
public static class RolePolicy
{
    private const AdminRoles AnyAdmin = AdminRoles.GlobalAdministrator | AdminRoles.BillingAdministrator |
        AdminRoles.UserAdministrator | AdminRoles.LicenseAdministrator | AdminRoles.ServiceAdministrator |
        AdminRoles.PasswordAdministrator;

    private static readonly Dictionary<Permission, AdminRoles> Grants = new()
    {
        [Permission.ReadDirectory] = AnyAdmin,
        [Permission.ReadAuditLog] = AnyAdmin,
        [Permission.AssignLicenses] = AdminRoles.GlobalAdministrator | AdminRoles.UserAdministrator | AdminRoles.LicenseAdministrator,
        [Permission.ManageBilling] = AdminRoles.GlobalAdministrator | AdminRoles.BillingAdministrator,
        [Permission.DeleteAndRestoreUsers] = AdminRoles.GlobalAdministrator | AdminRoles.UserAdministrator,
        [Permission.ManageUsers] = AdminRoles.GlobalAdministrator | AdminRoles.UserAdministrator,
        [Permission.ResetPasswords] = AdminRoles.GlobalAdministrator | AdminRoles.UserAdministrator | AdminRoles.PasswordAdministrator,
        [Permission.ManageRoles] = AdminRoles.GlobalAdministrator,
        [Permission.ManageApps] = AdminRoles.GlobalAdministrator,
        [Permission.ResetMfa] = AdminRoles.GlobalAdministrator,
        [Permission.ManageSecuritySettings] = AdminRoles.GlobalAdministrator,
        [Permission.ReadSpend] = AdminRoles.GlobalAdministrator | AdminRoles.BillingAdministrator,
    };

    /// <summary>Every role there is; a value with other bits set is not a set of roles.</summary>
    public const AdminRoles AllRoles = AnyAdmin;

    public static bool Allows(AdminRoles callerRoles, Permission permission) =>
        (callerRoles & Grants[permission]) != AdminRoles.None;

    /// <summary>Every permission the roles grant, for building navigation and claims.</summary>
    public static IEnumerable<Permission> PermissionsOf(AdminRoles callerRoles) =>
        Enum.GetValues<Permission>().Where(p => Allows(callerRoles, p));

    /// <summary>User admins may delete or restore only users without admin roles; global admins anyone.</summary>
    public static bool MayDeleteOrRestore(AdminRoles callerRoles, AdminRoles targetRoles) =>
        callerRoles.HasFlag(AdminRoles.GlobalAdministrator) ||
        (callerRoles.HasFlag(AdminRoles.UserAdministrator) && targetRoles == AdminRoles.None);

    /// <summary>
    /// Changing a user's profile or sign-in follows the delete rule: a user admin must not be able to lock
    /// out or rename an admin, which would let a lesser role take over a greater one.
    /// </summary>
    public static bool MayManageUser(AdminRoles callerRoles, AdminRoles targetRoles) => MayDeleteOrRestore(callerRoles, targetRoles);

    /// <summary>
    /// Global admins reset anyone; user admins reset users without admin roles; password admins reset
    /// users without admin roles and other password admins.
    /// </summary>
    public static bool MayResetPassword(AdminRoles callerRoles, AdminRoles targetRoles) =>
        callerRoles.HasFlag(AdminRoles.GlobalAdministrator) ||
        (callerRoles.HasFlag(AdminRoles.UserAdministrator) && targetRoles == AdminRoles.None) ||
        (callerRoles.HasFlag(AdminRoles.PasswordAdministrator) &&
            (targetRoles == AdminRoles.None || targetRoles == AdminRoles.PasswordAdministrator));
}
