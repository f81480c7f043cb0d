using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Users;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>
/// Loads what the planner needs for one tenant: seats per product (from the seat counters, the same rows
/// the commit updates) and the selected users with their licenses.
/// </summary>
public static class LicensingStateLoader
{
    // Ids are sent in chunks so a 100,000-user selection stays within every provider's parameter limits.
    private const int IdChunk = 1000;

    public static async Task<IReadOnlyList<ProductSeats>> SeatsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var counters = await db.SeatCounters.AsNoTracking().ToListAsync(cancellationToken);
        var statuses = await db.Subscriptions.AsNoTracking()
            .Where(s => s.Status != SubscriptionStatus.Deleted)
            .Select(s => new { s.ProductId, s.Status })
            .ToListAsync(cancellationToken);
        return counters.Select(c =>
        {
            var live = statuses.Where(s => s.ProductId == c.ProductId).Select(s => s.Status).ToList();
            var active = live.Any(s => s is SubscriptionStatus.Enabled or SubscriptionStatus.Warning);
            var blocked = live.Any(s => s is SubscriptionStatus.Suspended or SubscriptionStatus.LockedOut);
            return new ProductSeats(c.ProductId, c.TotalSeats, c.AssignedSeats, live.Count > 0, !active && blocked);
        }).ToList();
    }

    /// <summary>The users of a selection (ids or a view), with their current licenses, in a stable order.</summary>
    public static async Task<IReadOnlyList<UserLicenseState>> UsersAsync(
        AppDbContext db, UserSelection selection, bool includeDeleted, CancellationToken cancellationToken)
    {
        var users = new List<UserRow>();
        if (selection.UserIds is { } ids)
        {
            foreach (var chunk in ids.Chunk(IdChunk))
            {
                var query = db.DirectoryUsers.AsNoTracking().Where(u => chunk.Contains(u.Id));
                if (!includeDeleted) query = query.Where(u => u.DeletedUtc == null);
                users.AddRange(await Project(query).ToListAsync(cancellationToken));
            }
        }
        else
        {
            users.AddRange(await Project(selection.Filter!.Apply(db).AsNoTracking()).ToListAsync(cancellationToken));
        }

        var licenses = await LicensesOfAsync(db, users.Select(u => u.Id).ToList(), cancellationToken);
        return users.Select(u => new UserLicenseState(u.Id, u.UserPrincipalName, u.DisplayName, u.DeletedUtc is not null, u.UsageLocation,
            licenses.TryGetValue(u.Id, out var held) ? held : [])).ToList();
    }

    public static async Task<Dictionary<Guid, List<ProductLicense>>> LicensesOfAsync(AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, List<ProductLicense>>();
        foreach (var chunk in userIds.Chunk(IdChunk))
        {
            var rows = await db.LicenseAssignments.AsNoTracking().Where(a => chunk.Contains(a.UserId)).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                if (!result.TryGetValue(row.UserId, out var list)) result[row.UserId] = list = [];
                list.Add(new ProductLicense(row.ProductId, row.DisabledPlanIds));
            }
        }
        return result;
    }

    private static IQueryable<UserRow> Project(IQueryable<DirectoryUser> users) =>
        users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new UserRow(u.Id, u.UserPrincipalName, u.DisplayName, u.DeletedUtc, u.UsageLocation));

    private sealed record UserRow(Guid Id, string UserPrincipalName, string DisplayName, DateTime? DeletedUtc, string? UsageLocation);
}
