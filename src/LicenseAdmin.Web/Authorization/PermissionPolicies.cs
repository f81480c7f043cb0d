using LicenseAdmin.Domain.Administration;
using Microsoft.AspNetCore.Authorization;

namespace LicenseAdmin.Web.Authorization;

/// <summary>One authorization policy per <see cref="Permission"/>, named after it, decided by <see cref="RolePolicy"/>.</summary>
public static class PermissionPolicies
{
    public static void AddPermissionPolicies(this AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            options.AddPolicy(permission.ToString(), policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.Has(permission)));
        }
    }
}
