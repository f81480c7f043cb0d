using LicenseAdmin.Domain.Administration;

namespace LicenseAdmin.Infrastructure.Services.Security;

/// <summary>The caller as the database knows them right now: roles reloaded, never taken from the cookie.</summary>
public sealed record ActingAdmin(Guid TenantId, Guid UserId, string Upn, AdminRoles Roles)
{
    public string RoleDescription => Roles.DisplayName();
}
