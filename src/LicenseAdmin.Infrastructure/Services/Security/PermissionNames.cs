using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;

namespace LicenseAdmin.Infrastructure.Services.Security;

/// <summary>How a refusal names what was attempted: "Your role (Billing administrator) does not allow assigning or removing licenses."</summary>
public static class PermissionNames
{
    public static DomainMessage Describe(Permission permission) => permission switch
    {
        Permission.ReadDirectory => new DomainMessage("Permission", "reading users and licenses"),
        Permission.AssignLicenses => new DomainMessage("Permission", "assigning or removing licenses"),
        Permission.ManageBilling => new DomainMessage("Permission", "buying or reducing licenses"),
        Permission.DeleteAndRestoreUsers => new DomainMessage("Permission", "deleting or restoring users"),
        Permission.ResetPasswords => new DomainMessage("Permission", "resetting passwords"),
        Permission.ManageUsers => new DomainMessage("Permission", "adding or changing users"),
        Permission.ManageRoles => new DomainMessage("Permission", "changing admin roles"),
        Permission.ReadAuditLog => new DomainMessage("Permission", "reading the audit log"),
        Permission.ManageApps => new DomainMessage("Permission", "managing API apps"),
        Permission.ResetMfa => new DomainMessage("Permission", "resetting multi-factor authentication"),
        Permission.ManageSecuritySettings => new DomainMessage("Permission", "changing security settings"),
        Permission.ReadSpend => new DomainMessage("Permission", "seeing the spend on idle licenses"),
        _ => new DomainMessage("Permission", permission.ToString()),
    };

    public static DomainMessage Refusal(ActingAdmin admin, Permission permission) =>
        new("AccessDenied", "Your role ({Role}) does not allow {Action}.", new { Role = admin.Roles.Named(), Action = Describe(permission) });
}
