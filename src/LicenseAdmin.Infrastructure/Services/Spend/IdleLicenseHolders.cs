using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Users;

namespace LicenseAdmin.Infrastructure.Services.Spend;

/// <summary>
/// What makes a held license idle, resolved for one moment and one catalog: the category, the last sign-in before
/// which a user counts as inactive, and the products that make the license redundant when held next to it
/// (<see cref="Domain.Licensing.RedundantLicenses.CoveringProducts"/>).
/// </summary>
public sealed record IdleHolding(IdleSpendCategory Category, DateTime InactiveBefore, IReadOnlyList<Guid> CoveringProducts);

/// <summary>
/// The one query of who holds a product's license idly. The idle spend report counts with it and the Active users
/// views "idle-blocked:{id}", "idle-inactive:{id}" and "idle-redundant:{id}" (UserView.IdleLicenses) list and select
/// with it, so a line's count and its view's total cannot disagree.
/// </summary>
public static class IdleLicenseHolders
{
    public static IQueryable<DirectoryUser> Of(AppDbContext db, IQueryable<DirectoryUser> users, Guid productId, IdleHolding idle)
    {
        var holders = UserFilter.HoldersOf(db, users, productId);
        var inactiveBefore = idle.InactiveBefore;
        var covering = idle.CoveringProducts;
        return idle.Category switch
        {
            IdleSpendCategory.BlockedSignIn => holders.Where(u => u.SignInBlocked),
            // Never signed in: idle since the account was created (DirectoryUser.IdleSinceUtc).
            IdleSpendCategory.Inactive => holders.Where(u => (u.LastSignInUtc ?? u.CreatedUtc) <= inactiveBefore),
            IdleSpendCategory.Redundant => holders.Where(u => db.LicenseAssignments.Any(a => a.UserId == u.Id && covering.Contains(a.ProductId))),
            _ => throw new ArgumentOutOfRangeException(nameof(idle), idle.Category, "Unused seats are held by nobody."),
        };
    }
}
