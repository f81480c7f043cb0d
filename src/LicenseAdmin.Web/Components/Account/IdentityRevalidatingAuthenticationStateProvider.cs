using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using LicenseAdmin.Infrastructure.Identity;

namespace LicenseAdmin.Web.Components.Account;

/// <summary>
/// An open page (interactive circuit) re-checks its user as often as a cookie does: when the account is blocked,
/// deleted, or its security stamp renewed (new role, password reset), the page becomes signed out and is sent to
/// the sign-in page.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<SessionValidationOptions> sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    // At least a second: the base class loops on this delay, and a zero cookie interval (tests) must not spin it.
    protected override TimeSpan RevalidationInterval =>
        sessions.Value.ValidationInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : sessions.Value.ValidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // A new scope, so the check reads the database now rather than what this circuit loaded earlier.
        await using var scope = scopeFactory.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        return await signIn.ValidateSecurityStampAsync(authenticationState.User) is not null;
    }
}
