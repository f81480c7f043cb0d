using System.Globalization;
using LicenseAdmin.Infrastructure.Services.Auditing;
using Microsoft.AspNetCore.WebUtilities;

namespace LicenseAdmin.Web.Exports;

/// <summary>The links the pages give to their exports; the endpoints read the same query names.</summary>
public static class ExportUrls
{
    public const string ActiveUsersPath = "/users/export.csv";
    public const string AuditLogPath = "/audit/export.csv";

    public static string ActiveUsers(string viewKey, string? search) =>
        QueryHelpers.AddQueryString(ActiveUsersPath, Present(new Dictionary<string, string?>
        {
            ["view"] = viewKey,
            ["search"] = search,
        }));

    public static string AuditLog(AuditLogQuery query) =>
        QueryHelpers.AddQueryString(AuditLogPath, Present(new Dictionary<string, string?>
        {
            ["action"] = query.Action,
            ["actor"] = query.Actor,
            ["target"] = query.Target,
            ["from"] = query.FromUtc?.ToString("o", CultureInfo.InvariantCulture),
            ["to"] = query.ToUtc?.ToString("o", CultureInfo.InvariantCulture),
            ["outcome"] = query.Outcome?.ToString(),
            ["operation"] = query.OperationId?.ToString(),
        }));

    private static IEnumerable<KeyValuePair<string, string?>> Present(Dictionary<string, string?> values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v.Value));
}
