using LicenseAdmin.Infrastructure.Services.Users;

namespace LicenseAdmin.Web.Api;

/// <summary>The view names used in the Active users page and its export link ("unlicensed", "product:{id}", ...).</summary>
public static class UserViewKeys
{
    private const string ProductPrefix = "product:";

    public static UserFilter ToFilter(string key, string? search) => new(ViewOf(key), ProductOf(key), string.IsNullOrWhiteSpace(search) ? null : search);

    private static UserView ViewOf(string key) => key switch
    {
        "licensed" => UserView.Licensed,
        "unlicensed" => UserView.Unlicensed,
        "blocked" => UserView.SignInBlocked,
        "admins" => UserView.Admins,
        "resources" => UserView.ResourceMailboxes,
        _ when key.StartsWith(ProductPrefix, StringComparison.Ordinal) => UserView.HoldsProduct,
        _ => UserView.All,
    };

    private static Guid? ProductOf(string key) =>
        key.StartsWith(ProductPrefix, StringComparison.Ordinal) && Guid.TryParse(key[ProductPrefix.Length..], out var id) ? id : null;
}
