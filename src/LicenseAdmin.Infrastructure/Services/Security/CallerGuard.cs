using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Security;

/// <summary>
/// The services' permission check: reloads the caller's roles from the database (a demoted admin loses
/// rights at once, whatever the cookie says) and refuses, with an audit entry, what the role table forbids.
/// </summary>
public static class CallerGuard
{
    public static async Task<ActingAdmin> ActingAsync(AppDbContext db, Caller caller, CancellationToken cancellationToken)
    {
        if (db.ScopedTenantId != caller.TenantId)
            throw new InvalidOperationException("The context must be scoped to the caller's tenant.");
        if (caller.IsApp) return await ActingAppAsync(db, caller, cancellationToken);
        var user = await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.Id == caller.UserId)
            .Select(u => new { u.UserPrincipalName, u.Roles, u.DeletedUtc, u.SignInBlocked })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null || user.DeletedUtc is not null || user.SignInBlocked)
            throw AccessDeniedException.AccountInactive();
        return new ActingAdmin(caller.TenantId, caller.UserId, user.UserPrincipalName, user.Roles);
    }

    // An app is checked like a person: a disabled or deleted registration acts no more, whatever its token says.
    private static async Task<ActingAdmin> ActingAppAsync(AppDbContext db, Caller caller, CancellationToken cancellationToken)
    {
        var app = await db.ApiApps.AsNoTracking()
            .Where(a => a.Id == caller.UserId)
            .Select(a => new { a.DisplayName, a.ClientId, a.Permissions, a.DisabledUtc, a.DeletedUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (app is null || app.DisabledUtc is not null || app.DeletedUtc is not null)
            throw AccessDeniedException.AppInactive();
        var acting = new ActingApp(app.ClientId, app.Permissions);
        return new ActingAdmin(caller.TenantId, caller.UserId, app.DisplayName, acting.EquivalentRoles, acting);
    }

    /// <summary>Returns the acting admin when the role allows <paramref name="permission"/>; else audits the refusal and throws.</summary>
    public static async Task<ActingAdmin> RequireAsync(
        AppDbContext db, Caller caller, Permission permission, string auditAction, string target, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var admin = await ActingAsync(db, caller, cancellationToken);
        if (admin.Allows(permission)) return admin;
        var reason = PermissionNames.Refusal(admin, permission);
        await AuditTrail.RefusedAsync(db, admin, nowUtc, auditAction, target, reason.ToString(), cancellationToken);
        throw new AccessDeniedException(reason);
    }

    /// <summary>For reads: no audit entry, the same refusal.</summary>
    public static async Task<ActingAdmin> RequireToReadAsync(AppDbContext db, Caller caller, Permission permission, CancellationToken cancellationToken)
    {
        var admin = await ActingAsync(db, caller, cancellationToken);
        if (!admin.Allows(permission)) throw new AccessDeniedException(PermissionNames.Refusal(admin, permission));
        return admin;
    }
}
