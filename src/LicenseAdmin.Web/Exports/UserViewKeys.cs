using LicenseAdmin.Infrastructure.Services.Spend;
using LicenseAdmin.Infrastructure.Services.Users;

namespace LicenseAdmin.Web.Exports;

/// <summary>
/// The names of the Active users views, as the page's view list and its export link use them ("unlicensed",
/// "product:{id}", ...): the one list of them.
/// </summary>
public static class UserViewKeys
{
    public const string All = "all";
    public const string Licensed = "licensed";
    public const string Unlicensed = "unlicensed";
    public const string SignInBlocked = "blocked";
    public const string Admins = "admins";
    public const string ResourceMailboxes = "resources";
    public const string LicenseErrors = "license-errors";
    private const string ProductPrefix = "product:";

    /// <summary>The views behind the idle spend lines (docs/product-rules.md, "Idle spend"), "idle-blocked:{product id}" etc.</summary>
    private static readonly Dictionary<IdleSpendCategory, string> IdlePrefixes = new()
    {
        [IdleSpendCategory.BlockedSignIn] = "idle-blocked:",
        [IdleSpendCategory.Inactive] = "idle-inactive:",
        [IdleSpendCategory.Redundant] = "idle-redundant:",
    };

    private static readonly Dictionary<string, UserView> Views = new(StringComparer.Ordinal)
    {
        [All] = UserView.All,
        [Licensed] = UserView.Licensed,
        [Unlicensed] = UserView.Unlicensed,
        [SignInBlocked] = UserView.SignInBlocked,
        [Admins] = UserView.Admins,
        [ResourceMailboxes] = UserView.ResourceMailboxes,
        [LicenseErrors] = UserView.LicenseErrors,
    };

    public static string ForProduct(Guid productId) => ProductPrefix + productId;

    /// <summary>The view of the users behind an idle spend line of a product (not for unused seats, which nobody holds).</summary>
    public static string ForIdle(IdleSpendCategory category, Guid productId) =>
        IdlePrefixes.TryGetValue(category, out var prefix) ? prefix + productId : throw new ArgumentOutOfRangeException(nameof(category), category, "Unused seats have no users.");

    /// <summary>
    /// True for an idle spend view: its filter depends on the clock and the catalog, so the caller asks
    /// IdleSpendService.ViewAsync for it instead of <see cref="TryToFilter"/>.
    /// </summary>
    public static bool TryParseIdle(string key, out IdleSpendCategory category, out Guid productId)
    {
        foreach (var (idle, prefix) in IdlePrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(key[prefix.Length..], out productId))
            {
                category = idle;
                return true;
            }
        }
        (category, productId) = (default, Guid.Empty);
        return false;
    }

    /// <summary>The Active users page opened on a view, with every user of it selected when <paramref name="selectAll"/>.</summary>
    public static string PageLink(string key, bool selectAll) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/users",
            selectAll ? new Dictionary<string, string?> { ["view"] = key, ["select"] = "all" } : new Dictionary<string, string?> { ["view"] = key });

    /// <summary>For the page, whose keys all come from this class.</summary>
    public static UserFilter ToFilter(string key, string? search) =>
        TryToFilter(key, search, out var filter) ? filter : throw new ArgumentException($"'{key}' is not a view of Active users.", nameof(key));

    /// <summary>False for a key that names no view (say from a hand-edited export link) and for the idle views (<see cref="TryParseIdle"/>).</summary>
    public static bool TryToFilter(string key, string? search, out UserFilter filter)
    {
        var text = string.IsNullOrWhiteSpace(search) ? null : search;
        if (Views.TryGetValue(key, out var view))
        {
            filter = new UserFilter(view, null, text);
            return true;
        }
        if (key.StartsWith(ProductPrefix, StringComparison.Ordinal) && Guid.TryParse(key[ProductPrefix.Length..], out var productId))
        {
            filter = new UserFilter(UserView.HoldsProduct, productId, text);
            return true;
        }
        filter = UserFilter.All;
        return false;
    }
}
