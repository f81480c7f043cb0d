using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Web.Security;

namespace LicenseAdmin.Web.Components.Account;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    /// <summary>The one account endpoint the static account pages need besides themselves: signing out.</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accountGroup = endpoints.MapGroup("/Account");
        accountGroup.MapPost("/Logout", async (
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            // Only a path on this portal; anything else goes home (never an error page).
            return TypedResults.LocalRedirect(LocalUrl.FromRelative(returnUrl));
        });
        return accountGroup;
    }
}
