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

    /// <summary>Registering apps for the API, their secrets and permissions: Global administrators only.</summary>
    ManageApps,
}
