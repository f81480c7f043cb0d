namespace LicenseAdmin.Domain.Administration;

/// <summary>What a caller may do. Target-dependent checks (deleting admins, the last global admin) are in <see cref="RolePolicy"/>.</summary>
public enum Permission
{
    ReadDirectory,
    AssignLicenses,
    ManageBilling,
    DeleteAndRestoreUsers,
    ResetPasswords,
    ManageUsers,
    ManageRoles,
    ReadAuditLog,
    ResetMfa,
    ManageSecuritySettings,
}
