using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using LicenseAdmin.Infrastructure.Identity;

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
            return TypedResults.LocalRedirect($"~/{returnUrl}");
        });
        return accountGroup;
    }
}
