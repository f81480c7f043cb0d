using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>
/// An account may sign in only while its directory user exists, is not deleted and is not blocked.
/// Identity asks this before every sign-in (SignIn.RequireConfirmedAccount is on for that reason).
/// </summary>
public sealed class ActiveDirectoryUserConfirmation(AppDbContext db) : IUserConfirmation<ApplicationUser>
{
    public async Task<bool> IsConfirmedAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        await db.DirectoryUsers.IgnoreQueryFilters()
            .AnyAsync(u => u.Id == user.DirectoryUserId && u.DeletedUtc == null && !u.SignInBlocked);
}
