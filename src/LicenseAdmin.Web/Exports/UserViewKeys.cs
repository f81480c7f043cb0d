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

    /// <summary>For the page, whose keys all come from this class.</summary>
    public static UserFilter ToFilter(string key, string? search) =>
        TryToFilter(key, search, out var filter) ? filter : throw new ArgumentException($"'{key}' is not a view of Active users.", nameof(key));

    /// <summary>False for a key that names no view (say from a hand-edited export link).</summary>
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
