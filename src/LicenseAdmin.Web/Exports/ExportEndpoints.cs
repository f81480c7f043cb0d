using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Spend;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Web.Authorization;

namespace LicenseAdmin.Web.Exports;

/// <summary>
/// The CSV downloads the pages link to (<see cref="ExportUrls"/> builds the links). The endpoints only read the
/// request; the services check the caller again and write the rows.
/// </summary>
public static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportUrls.ActiveUsersPath, ActiveUsersAsync).RequireAuthorization(nameof(Permission.ReadDirectory));
        endpoints.MapGet(ExportUrls.AuditLogPath, AuditLogAsync).RequireAuthorization(nameof(Permission.ReadAuditLog));
    }

    private static async Task ActiveUsersAsync(HttpContext http, UserDirectoryService directory, IdleSpendService idleSpend, ILoggerFactory logs,
        string? view, string? search)
    {
        if (http.User.ToCaller() is not { } caller)
        {
            await RefuseUnknownCallerAsync(http);
            return;
        }
        var key = string.IsNullOrWhiteSpace(view) ? UserViewKeys.All : view.Trim();
        if (UserViewKeys.TryParseIdle(key, out var category, out var productId))
        {
            await CsvDownload.SendAsync(http, "active-users.csv", async (writer, cancellationToken) => await directory.ExportCsvAsync(caller,
                await idleSpend.ViewAsync(caller, category, productId, search, cancellationToken), writer, cancellationToken), Logger(logs));
            return;
        }
        if (!UserViewKeys.TryToFilter(key, search, out var filter))
        {
            await CsvDownload.RefuseAsync(http, StatusCodes.Status400BadRequest, $"The view '{key}' is not a view of Active users.");
            return;
        }
        await CsvDownload.SendAsync(http, "active-users.csv",
            (writer, cancellationToken) => directory.ExportCsvAsync(caller, filter, writer, cancellationToken), Logger(logs));
    }

    private static async Task AuditLogAsync(HttpContext http, AuditLogService auditLog, TimeProvider clock, ILoggerFactory logs)
    {
        if (http.User.ToCaller() is not { } caller)
        {
            await RefuseUnknownCallerAsync(http);
            return;
        }
        await CsvDownload.SendAsync(http, $"audit-log-{clock.GetUtcNow():yyyy-MM-dd}.csv",
            // Parsed inside the download, so a value that is not understood is refused with 400 and its name.
            (writer, cancellationToken) => auditLog.ExportCsvAsync(caller, AuditLogExportQuery.Parse(http.Request.Query), writer, cancellationToken),
            Logger(logs));
    }

    private static Task RefuseUnknownCallerAsync(HttpContext http) =>
        CsvDownload.RefuseAsync(http, StatusCodes.Status403Forbidden, "This export needs a signed-in LicenseAdmin account.");

    private static ILogger Logger(ILoggerFactory logs) => logs.CreateLogger(typeof(ExportEndpoints));
}
