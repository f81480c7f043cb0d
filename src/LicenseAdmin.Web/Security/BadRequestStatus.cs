using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace LicenseAdmin.Web.Security;

/// <summary>
/// A request the framework refuses as malformed (a form post without its antiforgery token, an unreadable body)
/// is answered with the framework's own status code (400), not turned into a 500 by the error page, which would
/// also re-run the refused form through the pipeline.
/// </summary>
public static class BadRequestStatus
{
    public static IApplicationBuilder UseBadRequestStatus(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && IsRefusedRequest(context, ex))
            {
                context.Response.Clear();
                context.Response.StatusCode = ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
                // The not-found page would re-run the same refused post; the status code says enough.
                if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            }
        });

    /// <summary>
    /// Reading a form whose antiforgery token failed throws a plain InvalidOperationException (minimal API form
    /// binding does); the failed validation recorded on the request is what marks it as the client's fault.
    /// </summary>
    private static bool IsRefusedRequest(HttpContext context, Exception ex) =>
        ex is BadHttpRequestException || context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false };
}
