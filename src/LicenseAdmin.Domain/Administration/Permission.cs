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

    /// <summary>Resetting another user's multi-factor authentication: Global administrators only.</summary>
    ResetMfa,

    /// <summary>Company security settings such as "require MFA for administrators": Global administrators only.</summary>
    ManageSecuritySettings,

    /// <summary>Seeing the money spent on idle licenses (unused seats, blocked or inactive holders): Global and Billing administrators.</summary>
    ReadSpend,
}
