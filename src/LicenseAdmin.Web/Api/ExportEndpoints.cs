using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Web.Authorization;

namespace LicenseAdmin.Web.Api;

/// <summary>File downloads the pages link to; the same services check permissions again.</summary>
public static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/users/export.csv", async (HttpContext http, UserDirectoryService directory, string? view, string? search) =>
        {
            var caller = http.User.ToCaller()!;
            var filter = UserViewKeys.ToFilter(view ?? "all", search);
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"active-users.csv\"";
            await using var writer = new StreamWriter(http.Response.Body);
            await directory.ExportCsvAsync(caller, filter, writer, http.RequestAborted);
        }).RequireAuthorization(nameof(Permission.ReadDirectory));
    }
}
