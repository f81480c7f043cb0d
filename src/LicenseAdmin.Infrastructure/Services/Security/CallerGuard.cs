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
        var user = await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.Id == caller.UserId)
            .Select(u => new { u.UserPrincipalName, u.Roles, u.DeletedUtc, u.SignInBlocked })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null || user.DeletedUtc is not null || user.SignInBlocked)
            throw AccessDeniedException.AccountInactive();
        return new ActingAdmin(caller.TenantId, caller.UserId, user.UserPrincipalName, user.Roles);
    }

    /// <summary>Returns the acting admin when the role allows <paramref name="permission"/>; else audits the refusal and throws.</summary>
    public static async Task<ActingAdmin> RequireAsync(
        AppDbContext db, Caller caller, Permission permission, string auditAction, string target, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var admin = await ActingAsync(db, caller, cancellationToken);
        if (RolePolicy.Allows(admin.Roles, permission)) return admin;
        var reason = PermissionNames.Refusal(admin, permission);
        await AuditTrail.RefusedAsync(db, admin, nowUtc, auditAction, target, reason.ToString(), cancellationToken);
        throw new AccessDeniedException(reason);
    }

    /// <summary>For reads: no audit entry, the same refusal.</summary>
    public static async Task<ActingAdmin> RequireToReadAsync(AppDbContext db, Caller caller, Permission permission, CancellationToken cancellationToken)
    {
        var admin = await ActingAsync(db, caller, cancellationToken);
        if (!RolePolicy.Allows(admin.Roles, permission)) throw new AccessDeniedException(PermissionNames.Refusal(admin, permission));
        return admin;
    }
}
