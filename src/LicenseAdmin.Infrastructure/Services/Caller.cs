using LicenseAdmin.Domain.Administration;

namespace LicenseAdmin.Infrastructure.Services;

/// <summary>
/// Who is acting: a signed-in account of one tenant. Every service call runs for exactly this tenant.
/// The roles here come from the sign-in; services that change data reload them from the database.
/// </summary>
public sealed record Caller(Guid TenantId, Guid UserId, string Upn, AdminRoles Roles)
{
    public string RoleDescription => Roles.DisplayName();
}
