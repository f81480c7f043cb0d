using System.Security.Cryptography;

namespace LicenseAdmin.Web.Security;

/// <summary>
/// The browser-side defences sent with every response: a Content-Security-Policy the portal really runs under
/// (Blazor Server and MudBlazor need no eval; the one inline script, Blazor's import map, carries a per-request
/// nonce), no framing, no MIME sniffing, no referrer to other sites and no powerful browser features.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "LicenseAdmin.CspNonce";

    /// <summary>The nonce of this response, for the inline import map in App.razor.</summary>
    public static string CspNonce(this HttpContext http) =>
        http.Items[NonceKey] as string ?? throw new InvalidOperationException("UseSecurityHeaders must run before the page renders.");

    /// <summary>
    /// style-src keeps 'unsafe-inline' because MudBlazor sets style attributes and writes its theme as an inline
    /// style element; scripts, the dangerous part, are limited to the portal's own files and the nonce.
    /// connect-src 'self' also covers the circuit's WebSocket on the same host.
    /// </summary>
    public static string PolicyFor(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Base64url: plain base64 may hold '+', which the page writes HTML-encoded (&#x2B;) in the nonce attribute.
            var nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = PolicyFor(nonce);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next(context);
        });
}
