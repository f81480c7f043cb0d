using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;

namespace LicenseAdmin.Web.Security;

/// <summary>
/// The sign-in cookie is HttpOnly and SameSite=Lax everywhere and Secure outside Development (which runs on plain
/// http locally; browsers accept Secure cookies from http://localhost, so a local Production run still signs in).
/// Forwarded headers (client address, https) are believed only from the proxies listed in
/// Security:ForwardedHeaders:KnownProxies (addresses) or KnownNetworks (CIDR ranges such as 10.0.0.0/8); without
/// either list they are ignored. The sign-in rate limit and the sign-in audit use the address this yields, so a
/// client cannot pick its own address with a header, and clients behind a trusted proxy do not share one limit.
/// </summary>
public static class CookieAndProxySetup
{
    public const string KnownProxiesKey = "Security:ForwardedHeaders:KnownProxies";
    public const string KnownNetworksKey = "Security:ForwardedHeaders:KnownNetworks";

    public static IServiceCollection AddPortalCookiesAndProxies(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = secure;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.HttpOnly = true;
            // The antiforgery cookie is no credential (it only pairs with the form's token), so it follows the
            // request: a plain-http Production run (docker compose on localhost) still shows its forms.
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });

        var proxies = configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? [];
        var networks = configuration.GetSection(KnownNetworksKey).Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the listed proxies; the defaults (loopback) are cleared so nothing else is trusted by accident.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                if (!IPAddress.TryParse(proxy, out var address))
                    throw new Infrastructure.ConfigurationValueException($"{KnownProxiesKey} must list IP addresses; '{proxy}' is not one.");
                forwarded.KnownProxies.Add(address);
            }
            foreach (var network in networks)
            {
                if (!System.Net.IPNetwork.TryParse(network, out var range))
                    throw new Infrastructure.ConfigurationValueException($"{KnownNetworksKey} must list networks such as 10.0.0.0/8; '{network}' is not one.");
                forwarded.KnownIPNetworks.Add(range);
            }
        });
        return services;
    }

    /// <summary>Honours forwarded headers only when proxies or proxy networks are configured.</summary>
    public static IApplicationBuilder UseConfiguredForwardedHeaders(this IApplicationBuilder app, IConfiguration configuration) =>
        (configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? []).Length > 0
        || (configuration.GetSection(KnownNetworksKey).Get<string[]>() ?? []).Length > 0 ? app.UseForwardedHeaders() : app;

}
