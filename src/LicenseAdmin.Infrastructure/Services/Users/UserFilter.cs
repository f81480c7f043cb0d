using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>The views of Active users; a bulk change can target a whole view.</summary>
public enum UserView
{
    All,
    Licensed,
    Unlicensed,
    SignInBlocked,
    Admins,
    ResourceMailboxes,
    HoldsProduct,

    /// <summary>Users who did not get a group's licenses (a member error state; docs/product-rules.md, "Groups").</summary>
    LicenseErrors,

    /// <summary>
    /// Users who hold a product's license idly (blocked, inactive or redundant; docs/product-rules.md, "Idle spend"):
    /// the users behind a line of the idle spend report, counted and listed by the same query (IdleLicenseHolders).
    /// </summary>
    IdleLicenses,
}

/// <summary>A view of active (not deleted) users, optionally narrowed by a search on display name and username.</summary>
/// <param name="Idle">For <see cref="UserView.IdleLicenses"/>: what makes the product's license idle, resolved by IdleSpendService.ViewAsync.</param>
public sealed record UserFilter(UserView View = UserView.All, Guid? ProductId = null, string? Search = null, Spend.IdleHolding? Idle = null)
{
    public static readonly UserFilter All = new();

    public IQueryable<DirectoryUser> Apply(AppDbContext db)
    {
        var users = db.DirectoryUsers.Where(u => u.DeletedUtc == null);
        users = View switch
        {
            // The stored count (UserLicenseCount), not a probe into each user's assignments: the views' totals stay
            // index-only at 100,000 users.
            UserView.Licensed => users.Where(u => EF.Property<int>(u, UserLicenseCount.Column) > 0),
            UserView.Unlicensed => users.Where(u => EF.Property<int>(u, UserLicenseCount.Column) == 0),
            UserView.SignInBlocked => users.Where(u => u.SignInBlocked),
            UserView.Admins => users.Where(u => u.Roles != AdminRoles.None),
            UserView.ResourceMailboxes => users.Where(u => u.Kind != UserKind.User),
            UserView.HoldsProduct when ProductId is { } productId => HoldersOf(db, users, productId),
            UserView.LicenseErrors => users.Where(u => db.GroupMembers.Any(m => m.UserId == u.Id && m.Error != null)),
            UserView.HoldsProduct => throw new ArgumentException("The view 'holds product' needs a product."),
            UserView.IdleLicenses when ProductId is { } productId && Idle is { } idle => Spend.IdleLicenseHolders.Of(db, users, productId, idle),
            UserView.IdleLicenses => throw new ArgumentException("The view 'idle licenses' needs a product and what makes its licenses idle."),
            _ => users,
        };
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var text = Search.Trim().ToLower();
            users = users.Where(u => u.DisplayName.ToLower().Contains(text) || u.UserPrincipalName.Contains(text));
        }
        return users;
    }

    /// <summary>
    /// A join rather than EXISTS: the count then reads only the product's assignments (index TenantId, ProductId, UserId)
    /// and looks each holder up by key, instead of probing every active user. A user holds a product at most once
    /// (unique index), so the join never repeats a user.
    /// </summary>
    internal static IQueryable<DirectoryUser> HoldersOf(AppDbContext db, IQueryable<DirectoryUser> users, Guid productId) =>
        users.Join(db.LicenseAssignments.Where(a => a.ProductId == productId), u => u.Id, a => a.UserId, (u, _) => u);
}

/// <summary>Which users an operation is for: listed ids, or every user of a view (up to a whole tenant).</summary>
public sealed record UserSelection(IReadOnlyList<Guid>? UserIds, UserFilter? Filter)
{
    public static UserSelection Of(IEnumerable<Guid> userIds) => new(userIds.Distinct().ToList(), null);

    public static UserSelection Matching(UserFilter filter) => new(null, filter);

    public bool IsEmpty => UserIds is { Count: 0 };

    /// <summary>
    /// How the audit log names this selection: one user by username (an id the tenant does not have stays an id),
    /// otherwise the count or the view.
    /// </summary>
    public async Task<string> DescribeAsync(AppDbContext db, CancellationToken cancellationToken) =>
        UserIds is { Count: 1 } one ? await NameOfAsync(db, one[0], cancellationToken) :
        UserIds is { } many ? $"{many.Count} selected users" :
        Filter!.Idle is { } idle ? $"all users in view {Filter.View} ({idle.Category}, product {Filter.ProductId})" :
        $"all users in view {Filter.View}";

    /// <summary>How audit entries name a user: the username, or the id when the tenant has no such user.</summary>
    public static async Task<string> NameOfAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken) =>
        await db.DirectoryUsers.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UserPrincipalName).SingleOrDefaultAsync(cancellationToken)
        ?? userId.ToString();
}
