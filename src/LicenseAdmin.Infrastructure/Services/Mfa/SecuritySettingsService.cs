using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Mfa;

/// <summary>The organisation's security settings: today whether administrators must use MFA. Global administrators change them.</summary>
public sealed class SecuritySettingsService(AuditedChanges changes, TenantDbContextFactory contexts)
{
    public const string Target = "Require MFA for administrators";

    public async Task<bool> RequiresMfaForAdminsAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        return await db.Tenants.AsNoTracking().Select(t => t.RequireMfaForAdmins).SingleAsync(cancellationToken);
    }

    /// <summary>Turning it on sends every administrator without an authenticator to enrolment at their next page.</summary>
    public Task SetRequireMfaForAdminsAsync(Caller caller, bool required, CancellationToken cancellationToken) =>
        changes.RunAsync(new AuditedChange(caller, Permission.ManageSecuritySettings, AuditAction.UpdateSecuritySettings, _ => Task.FromResult(Target), ConcurrentChange),
            async (db, admin, now) =>
            {
                var tenant = await db.Tenants.SingleAsync(cancellationToken);
                if (tenant.RequireMfaForAdmins == required) return false;
                tenant.SetRequireMfaForAdmins(required);
                AuditTrail.Succeeded(db, admin, now, AuditAction.UpdateSecuritySettings, Target,
                    new { RequireMfaForAdmins = !required }, new { RequireMfaForAdmins = required });
                return true;
            }, cancellationToken);

    private static SecuritySettingsRefusedException ConcurrentChange() =>
        new(new DomainMessage("ConcurrentChange", "Another admin changed the security settings at the same time. Nothing was changed; try again."));
}

/// <summary>A security setting change was refused; nothing was written.</summary>
public sealed class SecuritySettingsRefusedException(DomainMessage reason) : DomainException(reason);
