using System.Security.Claims;
using LicenseAdmin.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using LicenseAdmin.Web.Security;

namespace LicenseAdmin.Web.Localization;

/// <summary>The language switch: remembers the choice in a cookie and, for a signed-in user, on their account.</summary>
public static class CultureEndpoints
{
    public static void MapCultureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", async (HttpContext http, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn,
            string? culture, string? returnUrl) =>
        {
            if (!PortalCultures.IsSupported(culture))
                return Results.BadRequest($"The language '{culture}' is not offered. Choose one of: {string.Join(", ", PortalCultures.Supported)}.");

            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });

            if (http.User.Identity?.IsAuthenticated == true)
            {
                // The sign-in cookie is re-issued only for a session that is still valid (stamp unchanged, user
                // active); an ended session is signed out here instead of being revived with the account's new stamp.
                if (await signIn.ValidateSecurityStampAsync(http.User) is { } account)
                {
                    var claims = await users.GetClaimsAsync(account);
                    foreach (var old in claims.Where(c => c.Type == PortalCultures.LanguageClaim))
                        await users.RemoveClaimAsync(account, old);
                    await users.AddClaimAsync(account, new Claim(PortalCultures.LanguageClaim, culture!));
                    await signIn.RefreshSignInAsync(account);
                }
                else await signIn.SignOutAsync();
            }
            return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
        });
    }
}
