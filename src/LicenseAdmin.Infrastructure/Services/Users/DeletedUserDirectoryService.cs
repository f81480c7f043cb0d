using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>One row of Deleted users: when the user went, how long a restore stays possible, and what a restore would give back.</summary>
public sealed record DeletedUserRow(
    Guid Id, string DisplayName, string UserPrincipalName, DateTime DeletedUtc, int DaysLeft, IReadOnlyList<string> Licenses, AdminRoles Roles)
{
    public bool CanBeRestored => DaysLeft > 0;
}

public sealed record DeletedUserPage(IReadOnlyList<DeletedUserRow> Rows, int Total);

/// <summary>
/// Reads Deleted users one page at a time, newest deletion first. The licenses shown are those the user's
/// "Delete user" audit entry kept, which is exactly what a restore tries to give back.
/// </summary>
public sealed class DeletedUserDirectoryService(TenantDbContextFactory contexts, TimeProvider clock)
{
    public async Task<DeletedUserPage> PageAsync(Caller caller, string? search, int skip, int take, CancellationToken cancellationToken)
    {
        PageBounds.Ensure(skip, take);
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);

        var query = Matching(db.DirectoryUsers.AsNoTracking().Where(u => u.DeletedUtc != null), search);
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(u => u.DeletedUtc).ThenBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Skip(skip).Take(take)
            .Select(u => new { u.Id, u.DisplayName, u.UserPrincipalName, DeletedUtc = u.DeletedUtc!.Value, u.Roles })
            .ToListAsync(cancellationToken);

        var licenses = await DeletionRecords.LicensesAtDeletionAsync(db, page.Select(u => u.Id).ToList(), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = page.Select(u => new DeletedUserRow(u.Id, u.DisplayName, u.UserPrincipalName, u.DeletedUtc, DaysLeft(u.DeletedUtc, now),
            licenses.GetValueOrDefault(u.Id, []).Select(l => l.Product).Order().ToList(), u.Roles)).ToList();
        return new DeletedUserPage(rows, total);
    }

    /// <summary>
    /// Whole days left of the 30-day retention, counting a started day as a day: a user deleted a moment ago has 30,
    /// one whose last hours are running has 1, and 0 means the purge service may remove the user now.
    /// </summary>
    public static int DaysLeft(DateTime deletedUtc, DateTime nowUtc) =>
        ServiceProvisioning.DaysLeft(deletedUtc + ServiceProvisioning.RetentionPeriod, nowUtc);

    private static IQueryable<Domain.Users.DirectoryUser> Matching(IQueryable<Domain.Users.DirectoryUser> users, string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return users;
        // Usernames are stored lower case; display names are compared lower case, as on Active users.
        var text = search.Trim().ToLowerInvariant();
        return users.Where(u => u.DisplayName.ToLower().Contains(text) || u.UserPrincipalName.Contains(text));
    }
}
