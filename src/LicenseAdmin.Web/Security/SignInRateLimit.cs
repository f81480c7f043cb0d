using System.Threading.RateLimiting;
using LicenseAdmin.Web.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace LicenseAdmin.Web.Security;

/// <summary>
/// Form posts to the account pages are limited per client address with ASP.NET Core's rate limiter, on top of the
/// per-account lockout: a guesser trying many accounts from one address is slowed down too. That is every account
/// form: sign-in, the authenticator code and recovery code steps, password change and authenticator set-up, all
/// counted together per address. (There is no anonymous password reset: administrators reset passwords in the user
/// panel, decision 0001.) Configured under Security:SignInRateLimit.
/// </summary>
public static class SignInRateLimit
{
    public const string Section = "Security:SignInRateLimit";
    /// <summary>Said for every limited account form (sign-in, both second steps, password change, authenticator set-up).</summary>
    public const string RefusalText = "Too many attempts from your address. Wait a minute and try again.";

    public sealed class Options
    {
        /// <summary>Posts allowed per address in one window.</summary>
        public int PermitLimit { get; set; } = 10;

        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    }

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<Options>() ?? new Options();
        if (options.PermitLimit < 1 || options.Window <= TimeSpan.Zero)
            throw new Infrastructure.ConfigurationValueException(
                $"{Section}:PermitLimit must be 1 or more and {Section}:Window a positive time span such as 00:01:00.");
        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsAccountFormPost(http.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitLimit, Window = options.Window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The API registers its own limit and refusal; each refusal answers only its own requests.
            var otherRefusal = limiter.OnRejected;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (!IsAccountFormPost(context.HttpContext.Request))
                {
                    if (otherRefusal is not null) await otherRefusal(context, cancellationToken);
                    return;
                }
                var texts = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
                context.HttpContext.Response.Headers.RetryAfter = ((int)options.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.HttpContext.Response.WriteAsync(texts[RefusalText], cancellationToken);
            };
        });
    }

    /// <summary>Signing out is never limited; every other account form post is.</summary>
    private static bool IsAccountFormPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/Account/Logout", StringComparison.OrdinalIgnoreCase);
}
