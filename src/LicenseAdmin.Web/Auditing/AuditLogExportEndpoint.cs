using System.Globalization;
using System.Text;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Web.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LicenseAdmin.Web.Auditing;

/// <summary>
/// GET /audit/export.csv: the filtered audit log as a CSV download. The page links here with its filters;
/// <see cref="UrlFor"/> and the handler share one set of query names so the two cannot drift apart.
/// </summary>
public static class AuditLogExportEndpoint
{
    public const string Path = "/audit/export.csv";

    public static void MapAuditLogExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, ExportAsync).RequireAuthorization(nameof(Permission.ReadAuditLog));

    public static string UrlFor(AuditLogQuery query)
    {
        var values = new Dictionary<string, string?>
        {
            ["action"] = query.Action,
            ["actor"] = query.Actor,
            ["target"] = query.Target,
            ["from"] = query.FromUtc?.ToString("o", CultureInfo.InvariantCulture),
            ["to"] = query.ToUtc?.ToString("o", CultureInfo.InvariantCulture),
            ["outcome"] = query.Outcome?.ToString(),
            ["operation"] = query.OperationId?.ToString(),
        };
        return QueryHelpers.AddQueryString(Path, values.Where(v => !string.IsNullOrWhiteSpace(v.Value)));
    }

    private static async Task ExportAsync(HttpContext http, AuditLogService auditLog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = http.User.ToCaller();
        if (caller is null)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        try
        {
            var query = AuditLogExportQuery.Parse(http.Request.Query);
            http.Response.ContentType = "text/csv; charset=utf-8";
            var fileName = $"audit-log-{clock.GetUtcNow():yyyy-MM-dd}.csv";
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
            // The service checks the role and the filter before it writes the first byte, so a refusal can still
            // get its own status. The writer is disposed only on success: disposing flushes, which starts the response.
            var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            await auditLog.ExportCsvAsync(caller, query, writer, cancellationToken);
            await writer.DisposeAsync();
        }
        catch (DomainException ex) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            http.Response.StatusCode = ex is AccessDeniedException ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(ex.Message, cancellationToken);
        }
    }
}
