using LicenseAdmin.Domain.Administration;

namespace LicenseAdmin.Infrastructure.Services;

/// <summary>
/// Who is acting: a signed-in account of one tenant, or an app calling the API (<see cref="IsApp"/>: then
/// <see cref="UserId"/> is the app's id and <see cref="Upn"/> its display name). Every service call runs for exactly
/// this tenant. The roles here come from the sign-in; services that change data reload them from the database.
/// </summary>
public sealed record Caller(Guid TenantId, Guid UserId, string Upn, AdminRoles Roles, bool IsApp = false)
{
    public string RoleDescription => Roles.DisplayName();

    /// <summary>An app of the tenant; what it may do is reloaded from its registration on every call.</summary>
    public static Caller ForApp(Guid tenantId, Guid appId, string displayName) => new(tenantId, appId, displayName, AdminRoles.None, IsApp: true);
}
