using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>
/// Removes users for good, with their licenses, Office installations, provisioning records and sign-in accounts, in the
/// caller's transaction: the retention purge when a deleted user's 30 days are over, and the undo of a user import.
/// The users' ids travel as one parameter, so any number of them is one statement per table.
/// </summary>
internal static class UserRemoval
{
    public static async Task DeleteWithTheirRowsAsync(AppDbContext db, List<Guid> users, CancellationToken cancellationToken)
    {
        // Their group memberships, inherited licenses and queued group work go with them (a deleted user kept them, decision 0021).
        await db.GroupLicensingQueue.IgnoreQueryFilters().Where(w => EF.Parameter(users).Contains(w.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.InheritedLicenses.IgnoreQueryFilters().Where(i => EF.Parameter(users).Contains(i.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.GroupMembers.IgnoreQueryFilters().Where(m => EF.Parameter(users).Contains(m.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.LicenseAssignments.IgnoreQueryFilters().Where(a => EF.Parameter(users).Contains(a.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.OfficeInstallations.IgnoreQueryFilters().Where(i => EF.Parameter(users).Contains(i.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.ServiceProvisionings.IgnoreQueryFilters().Where(p => EF.Parameter(users).Contains(p.UserId)).ExecuteDeleteAsync(cancellationToken);
        // The sign-in accounts; Identity's own rows (roles, claims, logins, tokens) follow them by cascade.
        await db.Users.Where(a => EF.Parameter(users).Contains(a.DirectoryUserId)).ExecuteDeleteAsync(cancellationToken);
        await db.DirectoryUsers.IgnoreQueryFilters().Where(u => EF.Parameter(users).Contains(u.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
