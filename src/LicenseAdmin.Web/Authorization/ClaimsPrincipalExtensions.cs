using System.Globalization;
using System.Security.Claims;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Services;

namespace LicenseAdmin.Web.Authorization;

public static class ClaimsPrincipalExtensions
{
    public static AdminRoles AdminRoles(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(LicenseAdminClaims.AdminRoles), NumberStyles.Integer, CultureInfo.InvariantCulture, out var roles)
            ? (AdminRoles)roles
            : Domain.Administration.AdminRoles.None;

    public static bool Has(this ClaimsPrincipal user, Permission permission) =>
        user.Identity?.IsAuthenticated == true && RolePolicy.Allows(user.AdminRoles(), permission);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(LicenseAdminClaims.DisplayName) ?? user.Identity?.Name ?? string.Empty;

    public static string TenantName(this ClaimsPrincipal user) => user.FindFirstValue(LicenseAdminClaims.TenantName) ?? string.Empty;

    /// <summary>The caller of a signed-in principal; null when the principal is not a LicenseAdmin sign-in.</summary>
    public static Caller? ToCaller(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        if (!Guid.TryParse(user.FindFirstValue(LicenseAdminClaims.TenantId), out var tenantId)) return null;
        if (!Guid.TryParse(user.FindFirstValue(LicenseAdminClaims.DirectoryUserId), out var userId)) return null;
        return new Caller(tenantId, userId, user.Identity.Name ?? string.Empty, user.AdminRoles());
    }
}
