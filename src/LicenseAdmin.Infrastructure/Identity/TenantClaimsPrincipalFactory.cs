using System.Globalization;
using System.Security.Claims;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>Adds the tenant, the directory user and its admin roles to the sign-in cookie.</summary>
public sealed class TenantClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var directoryUser = await db.DirectoryUsers.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Id == user.DirectoryUserId)
            .Select(u => new { u.DisplayName, u.Roles, u.TenantId })
            .SingleAsync();
        var tenantName = await db.Tenants.IgnoreQueryFilters().Where(t => t.Id == directoryUser.TenantId).Select(t => t.Name).SingleAsync();
        identity.AddClaim(new Claim(LicenseAdminClaims.TenantId, user.TenantId.ToString()));
        identity.AddClaim(new Claim(LicenseAdminClaims.DirectoryUserId, user.DirectoryUserId.ToString()));
        identity.AddClaim(new Claim(LicenseAdminClaims.AdminRoles, ((int)directoryUser.Roles).ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(LicenseAdminClaims.DisplayName, directoryUser.DisplayName));
        identity.AddClaim(new Claim(LicenseAdminClaims.TenantName, tenantName));
        return identity;
    }
}
