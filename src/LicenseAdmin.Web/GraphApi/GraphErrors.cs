using System.Text.Json;
using LicenseAdmin.Domain;
using LicenseAdmin.Infrastructure.Services.Groups;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Services.Users.Import;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// The one translator from service refusals and the API's own refusals to Graph's error envelope: every non-2xx
/// answer of /v1.0 has <c>Content-Type: application/json</c> and this shape, or SDKs report only a status code.
/// </summary>
public static class GraphErrors
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext http, int status, string code, string message, string? licenseError = null)
    {
        http.Response.StatusCode = status;
        var inner = new GraphInnerError(
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            RequestId(http), http.Request.Headers["client-request-id"].ToString(), licenseError);
        return http.Response.WriteAsJsonAsync(new GraphErrorEnvelope(new GraphErrorBody(code, message, inner)), Json, "application/json", http.RequestAborted);
    }

    /// <summary>Graph's request id for the call: one GUID per request, also sent as the request-id header.</summary>
    public static string RequestId(HttpContext http)
    {
        if (http.Items["graph-request-id"] is string id) return id;
        id = Guid.NewGuid().ToString();
        http.Items["graph-request-id"] = id;
        return id;
    }

    /// <summary>What status and code a refusal gets; service messages are passed on as the portal shows them.</summary>
    public static (int Status, string Code, string? LicenseError) Classify(Exception refusal) => refusal switch
    {
        GraphRequestException graph => (graph.Status, graph.Code, graph.LicenseError),
        AccessDeniedException => (StatusCodes.Status403Forbidden, GraphErrorCodes.Denied, null),
        UserChangeRefusedException { Reason.Code: "UserNotFound" } => (StatusCodes.Status404NotFound, GraphErrorCodes.NotFound, null),
        LicenseChangeNotFoundException => (StatusCodes.Status404NotFound, GraphErrorCodes.NotFound, null),
        GroupNotFoundException or GroupMemberNotFoundException => (StatusCodes.Status404NotFound, GraphErrorCodes.NotFound, null),
        UserImportNotFoundException => (StatusCodes.Status404NotFound, GraphErrorCodes.NotFound, null),
        // Applying a bulk change that is no longer the one previewed: the client's copy is stale, as with an ETag.
        DomainException { Reason.Code: "StalePreview" } => (StatusCodes.Status409Conflict, GraphErrorCodes.StalePreview, null),
        // A rule about who may change whom (an admin target, one's own account) is a permission refusal, as in Graph.
        DomainException { Reason.Code: "AccessDenied" } => (StatusCodes.Status403Forbidden, GraphErrorCodes.Denied, null),
        LicenseChangeRefusedException licensing => (StatusCodes.Status400BadRequest, GraphErrorCodes.BadRequest, licensing.Reason.Code),
        DomainException domain => (StatusCodes.Status400BadRequest, GraphErrorCodes.BadRequest, null),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), "Not a refusal."),
    };

    /// <summary>
    /// The service's own sentence, except where scripts match Graph's exact text: a taken user principal name (the
    /// check and its refusal are still the user service's).
    /// </summary>
    public static string MessageOf(Exception refusal) => refusal switch
    {
        UserChangeRefusedException { Reason.Code: "UsernameTaken" } => "Another object with the same value for property userPrincipalName already exists.",
        // A group or user that is not there (or is another tenant's) reads as Graph's not-found sentence.
        GroupNotFoundException group => GraphRequestException.NotFound(group.GroupId.ToString()).Message,
        GroupMemberNotFoundException member => GraphRequestException.NotFound(member.UserId.ToString()).Message,
        _ => refusal.Message,
    };

    /// <summary>An endpoint filter for the /v1.0 group: turns refusals into the envelope, lets real failures through.</summary>
    public static async ValueTask<object?> TranslateRefusals(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception refusal) when (refusal is GraphRequestException or DomainException)
        {
            var (status, code, licenseError) = Classify(refusal);
            await WriteAsync(context.HttpContext, status, code, MessageOf(refusal), licenseError);
            return Results.Empty;
        }
    }
}
