using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>
/// Audits the changes a user makes to their own second factor (setting up the authenticator app, resetting it,
/// new recovery codes): the user is both actor and target, in their own tenant's audit log. An attacker holding a
/// stolen session who swaps the authenticator leaves a trace an administrator can see.
/// </summary>
public sealed class OwnSecurityInfoAudit(TenantDbContextFactory contexts, TimeProvider clock)
{
    public async Task RecordAsync(ApplicationUser account, string action, object before, object after)
    {
        await using var db = await contexts.ForTenantAsync(account.TenantId, CancellationToken.None);
        var name = account.UserName ?? account.Id;
        var roles = await db.DirectoryUsers.AsNoTracking().Where(u => u.Id == account.DirectoryUserId)
            .Select(u => (AdminRoles?)u.Roles).FirstOrDefaultAsync();
        db.AuditEntries.Add(new AuditEntry(account.TenantId, clock.GetUtcNow().UtcDateTime, name, roles?.DisplayName() ?? "",
            action, name, AuditOutcome.Succeeded, AuditTrail.ToJson(before), AuditTrail.ToJson(after), targetId: account.DirectoryUserId));
        await db.SaveChangesAsync();
    }
}
