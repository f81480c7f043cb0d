namespace LicenseAdmin.Web.Security;

/// <summary>
/// Where a return address may send the browser: only a path on this portal. Anything else (another site, a
/// protocol-relative "//host", a back-slash trick or an absolute address) falls back to the home page, never an error.
/// </summary>
public static class LocalUrl
{
    public const string Home = "/";

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    /// <summary>The address itself when local; otherwise the home page.</summary>
    public static string OrHome(string? url) => IsLocal(url) ? url! : Home;

    /// <summary>A relative form ("users?x=1", as Blazor's base-relative paths are) made local, else the home page.</summary>
    public static string FromRelative(string? url) =>
        string.IsNullOrEmpty(url) ? Home
        : url[0] == '/' ? OrHome(url)
        : Uri.TryCreate(url, UriKind.Absolute, out _) ? Home
        : OrHome("/" + url);
}
