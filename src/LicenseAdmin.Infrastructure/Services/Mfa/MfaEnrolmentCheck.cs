using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Mfa;

/// <summary>
/// Answers <see cref="MfaRule.MustEnrol"/> for a signed-in account from the database (its roles, its tenant's
/// setting, whether it has an authenticator), so a role or setting changed a moment ago counts at once.
/// </summary>
public sealed class MfaEnrolmentCheck(TenantDbContextFactory contexts)
{
    public async Task<bool> MustEnrolAsync(Guid tenantId, string accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(tenantId, cancellationToken);
        var account = await db.Users.AsNoTracking()
            .Where(a => a.Id == accountId && a.TenantId == tenantId)
            .Select(a => new { a.DirectoryUserId, a.TwoFactorEnabled })
            .SingleOrDefaultAsync(cancellationToken);
        if (account is null) return false;
        var roles = await db.DirectoryUsers.AsNoTracking().Where(u => u.Id == account.DirectoryUserId).Select(u => u.Roles).SingleOrDefaultAsync(cancellationToken);
        var required = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.RequireMfaForAdmins).SingleOrDefaultAsync(cancellationToken);
        return MfaRule.MustEnrol(roles, required, account.TwoFactorEnabled);
    }
}
