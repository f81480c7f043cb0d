using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace LicenseAdmin.Web.Authorization;

/// <summary>
/// One authorization policy per <see cref="Permission"/>, named after it, decided by <see cref="RolePolicy"/>.
/// Every policy of the portal's pages (these and the default one of [Authorize]) also requires an administrator
/// to have MFA when the tenant asks for it; only the account pages used while enrolling do not.
/// </summary>
public static class PermissionPolicies
{
    public static void AddPermissionPolicies(this AuthorizationOptions options)
    {
        options.DefaultPolicy = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(MfaEnrolledRequirement.Instance)
            .Build();
        options.AddPolicy(MfaSetup.SignedInPolicy, policy => policy.RequireAuthenticatedUser());
        foreach (var permission in Enum.GetValues<Permission>())
        {
            options.AddPolicy(permission.ToString(), policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.Has(permission))
                .AddRequirements(MfaEnrolledRequirement.Instance));
        }
    }
}
