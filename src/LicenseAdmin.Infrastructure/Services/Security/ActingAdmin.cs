using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Apps;

namespace LicenseAdmin.Infrastructure.Services.Security;

/// <summary>
/// The caller as the database knows them right now: roles reloaded, never taken from the cookie. For an app,
/// <see cref="App"/> holds its registration and its granted permissions decide instead of a role.
/// </summary>
/// <param name="OnBehalfRole">
/// Set when background work acts for an admin (the group license processor): the audit log shows the admin with this
/// role instead of theirs.
/// </param>
public sealed record ActingAdmin(Guid TenantId, Guid UserId, string Upn, AdminRoles Roles, ActingApp? App = null, string? OnBehalfRole = null)
{
    /// <summary>What the audit log shows as the actor's role; an app is shown with its client id.</summary>
    public string RoleDescription => OnBehalfRole ?? (App is null ? Roles.DisplayName() : $"App {App.ClientId}");

    public bool Allows(Permission permission) => App is null ? RolePolicy.Allows(Roles, permission) : App.Allows(permission);
}

/// <summary>An app acting through the API, with the permissions a Global administrator granted it.</summary>
public sealed record ActingApp(Guid ClientId, ApiPermissions Permissions)
{
    public bool Allows(Permission permission) => ApiPermissionNames.PortalPermissions(Permissions).Contains(permission);

    /// <summary>
    /// The role whose target rules an app follows: with User.ReadWrite.All it manages users as a User administrator
    /// does (never admins, as in Graph, where an app cannot change privileged users); otherwise it has no role.
    /// </summary>
    public AdminRoles EquivalentRoles => Permissions.HasFlag(ApiPermissions.UserReadWriteAll) ? AdminRoles.UserAdministrator : AdminRoles.None;
}
