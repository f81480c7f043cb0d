using LicenseAdmin.Domain.Administration;

namespace LicenseAdmin.Infrastructure.Services.Security;

/// <summary>How a refusal names what was attempted: "Your role (Billing administrator) does not allow assigning or removing licenses."</summary>
public static class PermissionNames
{
    public static string Describe(Permission permission) => permission switch
    {
        Permission.ReadDirectory => "reading users and licenses",
        Permission.AssignLicenses => "assigning or removing licenses",
        Permission.ManageBilling => "buying or reducing licenses",
        Permission.DeleteAndRestoreUsers => "deleting or restoring users",
        Permission.ResetPasswords => "resetting passwords",
        Permission.ManageUsers => "adding or changing users",
        Permission.ManageRoles => "changing admin roles",
        Permission.ReadAuditLog => "reading the audit log",
        _ => permission.ToString(),
    };

    public static string Refusal(ActingAdmin admin, Permission permission) =>
        $"Your role ({admin.RoleDescription}) does not allow {Describe(permission)}.";
}
