using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Localization;

namespace LicenseAdmin.Web.Localization;

/// <summary>English and Danish, chosen per user: the signed-in user's saved language first, then the browser's.</summary>
public static class PortalCultures
{
    public const string English = "en";
    public const string Danish = "da";
    public const string LanguageClaim = "licenseadmin:language";

    public static readonly string[] Supported = [English, Danish];

    public static bool IsSupported(string? culture) => culture is not null && Supported.Contains(culture, StringComparer.OrdinalIgnoreCase);

    public static void Configure(RequestLocalizationOptions options)
    {
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        options.DefaultRequestCulture = new RequestCulture(English);
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        options.RequestCultureProviders.Insert(0, new CustomRequestCultureProvider(context =>
        {
            // The language a user chose is kept on their account, so it follows them to any browser.
            var chosen = context.User.FindFirstValue(LanguageClaim);
            return Task.FromResult(IsSupported(chosen) ? new ProviderCultureResult(chosen!) : null);
        }));
    }
}
