namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>Claims added to a signed-in account. Services never trust them for permission: they reload roles.</summary>
public static class LicenseAdminClaims
{
    public const string TenantId = "licenseadmin:tenant_id";
    public const string DirectoryUserId = "licenseadmin:directory_user_id";
    public const string AdminRoles = "licenseadmin:admin_roles";
    public const string DisplayName = "licenseadmin:display_name";
    public const string TenantName = "licenseadmin:tenant_name";
}
