using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Services.Mfa;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;

namespace LicenseAdmin.Web.Security;

/// <summary>
/// Multi-factor authentication with an authenticator app (Identity's TOTP support): how long a browser is
/// remembered (Security:Mfa:RememberBrowserDays), and the one place that keeps an administrator who must enrol
/// (<see cref="Domain.Administration.MfaRule"/>) away from every admin page and endpoint.
/// </summary>
public static class MfaSetup
{
    public const string Section = "Security:Mfa";
    public const string EnrolmentPath = "/Account/Manage/EnableAuthenticator";

    /// <summary>Signed in, nothing more: the account pages an administrator needs while enrolling.</summary>
    public const string SignedInPolicy = "SignedIn";

    public sealed class Options
    {
        /// <summary>Days a browser ticked "Remember this browser" skips the authenticator step.</summary>
        public int RememberBrowserDays { get; set; } = 14;
    }

    public static IServiceCollection AddPortalMfa(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var options = configuration.GetSection(Section).Get<Options>() ?? new Options();
        if (options.RememberBrowserDays is < 0 or > 365)
            throw new Infrastructure.ConfigurationValueException($"{Section}:RememberBrowserDays must be a whole number of days from 0 to 365.");
        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, cookie =>
        {
            cookie.ExpireTimeSpan = TimeSpan.FromDays(options.RememberBrowserDays);
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = secure;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie =>
        {
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = secure;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.AddSingleton(options);
        services.AddScoped<IAuthorizationHandler, MfaEnrolledHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, MfaEnrolmentRedirect>();
        return services;
    }
}

/// <summary>Added to the default policy and to every permission policy: an administrator who must enrol is not let in.</summary>
public sealed class MfaEnrolledRequirement : IAuthorizationRequirement
{
    public static readonly MfaEnrolledRequirement Instance = new();
}

public sealed class MfaEnrolledHandler(MfaEnrolmentCheck check) : AuthorizationHandler<MfaEnrolledRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, MfaEnrolledRequirement requirement)
    {
        if (await MustEnrolAsync(check, context.User))
            context.Fail(new AuthorizationFailureReason(this, "Multi-factor authentication must be set up first."));
        else
            context.Succeed(requirement);
    }

    /// <summary>Anonymous users and users without admin roles never must; the rest is asked of the database.</summary>
    public static async Task<bool> MustEnrolAsync(MfaEnrolmentCheck check, System.Security.Claims.ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        if (!int.TryParse(user.FindFirst(LicenseAdminClaims.AdminRoles)?.Value, out var roles) || roles == 0) return false;
        if (!Guid.TryParse(user.FindFirst(LicenseAdminClaims.TenantId)?.Value, out var tenantId)) return false;
        var accountId = user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        return accountId is not null && await check.MustEnrolAsync(tenantId, accountId, CancellationToken.None);
    }
}

/// <summary>A page or endpoint refused only for missing MFA sends the browser to enrolment instead of "access denied".</summary>
public sealed class MfaEnrolmentRedirect : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons.Any(r => r.Handler is MfaEnrolledHandler) == true)
        {
            context.Response.Redirect(MfaSetup.EnrolmentPath);
            return Task.CompletedTask;
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
