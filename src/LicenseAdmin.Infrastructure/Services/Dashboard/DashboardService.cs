using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Dashboard;

/// <summary>Something that will be deleted for good on <see cref="PurgeUtc"/> unless a license or a restore comes first.</summary>
public sealed record UpcomingPurge(string UserPrincipalName, string DisplayName, string What, DateTime PurgeUtc, int DaysLeft);

public sealed record DashboardSummary(
    IReadOnlyList<ProductSeatSummary> Seats, int ActiveUsers, int UnlicensedUsers, int UsersInRetention, IReadOnlyList<UpcomingPurge> NextPurges);

/// <summary>The Home page's numbers, all from the tenant's real rows.</summary>
public sealed class DashboardService(TenantDbContextFactory contexts, SeatSummaryService seats, TimeProvider clock)
{
    private const int PurgesListed = 10;

    public async Task<DashboardSummary> GetAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        var active = await UserFilter.All.Apply(db).CountAsync(cancellationToken);
        var unlicensed = await new UserFilter(UserView.Unlicensed).Apply(db).CountAsync(cancellationToken);

        var retainedMailboxes = await db.ServiceProvisionings.AsNoTracking()
            .Where(p => p.State == ProvisioningState.Retained && p.RetainedUntilUtc != null)
            .Join(db.DirectoryUsers, p => p.UserId, u => u.Id, (p, u) => new { u.UserPrincipalName, u.DisplayName, u.DeletedUtc, Until = p.RetainedUntilUtc!.Value })
            .Where(x => x.DeletedUtc == null)
            .OrderBy(x => x.Until).Take(PurgesListed)
            .ToListAsync(cancellationToken);
        var deletedUsers = await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.DeletedUtc != null)
            .OrderBy(u => u.DeletedUtc).Take(PurgesListed)
            .Select(u => new { u.UserPrincipalName, u.DisplayName, Deleted = u.DeletedUtc!.Value })
            .ToListAsync(cancellationToken);
        var inRetention = await db.ServiceProvisionings.Where(p => p.State == ProvisioningState.Retained).Select(p => p.UserId).Distinct().CountAsync(cancellationToken);

        var purges = retainedMailboxes.Select(m => Purge(m.UserPrincipalName, m.DisplayName, "Mailbox data", m.Until, now))
            .Concat(deletedUsers.Select(d => Purge(d.UserPrincipalName, d.DisplayName, "Deleted user and their data", d.Deleted + ServiceProvisioning.RetentionPeriod, now)))
            .OrderBy(p => p.PurgeUtc).Take(PurgesListed).ToList();

        return new DashboardSummary(await seats.GetAsync(caller.TenantId, cancellationToken), active, unlicensed, inRetention, purges);
    }

    private static UpcomingPurge Purge(string upn, string name, string what, DateTime purgeUtc, DateTime now) =>
        new(upn, name, what, purgeUtc, ServiceProvisioning.DaysLeft(purgeUtc, now));
}
