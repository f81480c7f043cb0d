using Microsoft.AspNetCore.Identity;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>
/// A sign-in account. Each belongs to exactly one tenant and is the login of one directory user;
/// the admin roles live on that directory user, not on the account.
/// </summary>
public sealed class ApplicationUser : IdentityUser
{
    public Guid TenantId { get; set; }
    public Guid DirectoryUserId { get; set; }
}
