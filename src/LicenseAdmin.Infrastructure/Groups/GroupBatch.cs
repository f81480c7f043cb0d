using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Seats;
using LicenseAdmin.Infrastructure.Services.Users;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Groups;

/// <summary>A user's membership of a group as the batch found it, with the error state it stands in.</summary>
internal sealed record Membership(Guid GroupId, Guid UserId, GroupLicenseError? Error, string? ErrorDetail);

/// <summary>A license a user of the batch holds, with where it comes from.</summary>
internal sealed record HeldLicense(Guid ProductId, bool IsDirect, IReadOnlyList<Guid> DisabledPlanIds, IReadOnlyList<Guid>? DirectDisabledPlanIds);

/// <summary>
/// Everything one batch decides on, read inside its transaction with a few set-based queries per chunk of users (never
/// one per member): the users (locked first on the server databases), the seats, the licenses they hold with their
/// sources, their memberships and what their groups give.
/// </summary>
internal sealed class GroupBatch
{
    private GroupBatch(
        IReadOnlyList<UserLicenseState> users, IReadOnlyList<ProductSeatState> seats, IReadOnlyDictionary<Guid, List<HeldLicense>> held,
        ILookup<Guid, Membership> memberships, IReadOnlyDictionary<Guid, GroupGrant> grants)
    {
        Users = users;
        Seats = seats;
        Held = held;
        Memberships = memberships;
        Grants = grants;
    }

    /// <summary>The batch's users in id order, deleted ones included.</summary>
    public IReadOnlyList<UserLicenseState> Users { get; }

    public IReadOnlyList<ProductSeatState> Seats { get; }

    public IReadOnlyDictionary<Guid, List<HeldLicense>> Held { get; }

    /// <summary>Every membership of the batch's users, by user.</summary>
    public ILookup<Guid, Membership> Memberships { get; }

    /// <summary>The groups the batch's users are members of, with the products they give.</summary>
    public IReadOnlyDictionary<Guid, GroupGrant> Grants { get; }

    public IReadOnlyList<HeldLicense> HeldBy(Guid userId) => Held.GetValueOrDefault(userId) ?? [];

    public static async Task<GroupBatch> ReadAsync(AppDbContext db, Guid tenantId, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        // Locks the users (server databases) and reads them after the lock, as every license change does.
        var users = await LicensingStateLoader.UsersAsync(db, UserSelection.Of(userIds), includeDeleted: true, cancellationToken);
        // Then the seat counters, in the order every change takes them: an admin assigning at the same moment waits for
        // this batch's commit and plans on it, instead of taking a seat between this read and the batch's conditional
        // counter update, which would refuse and roll back the whole batch.
        await SeatCounterStore.LockAsync(db, tenantId, null, cancellationToken);
        var seats = await LicensingStateLoader.SeatsAsync(db, cancellationToken);
        var held = await HeldAsync(db, userIds, cancellationToken);
        var memberships = await MembershipsAsync(db, userIds, cancellationToken);
        var grants = await GrantsAsync(db, memberships.Select(m => m.GroupId).Distinct().ToList(), cancellationToken);
        return new GroupBatch(users, seats, held, memberships.ToLookup(m => m.UserId), grants);
    }

    private static async Task<Dictionary<Guid, List<HeldLicense>>> HeldAsync(AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, List<HeldLicense>>();
        foreach (var chunk in userIds.Chunk(IdChunks.Size))
        {
            var rows = await db.LicenseAssignments.AsNoTracking().Where(a => EF.Parameter(chunk).Contains(a.UserId))
                .Select(a => new { a.UserId, a.ProductId, a.IsDirect, a.DisabledPlanIds, a.DirectDisabledPlanIds }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                if (!result.TryGetValue(row.UserId, out var list)) result[row.UserId] = list = [];
                list.Add(new HeldLicense(row.ProductId, row.IsDirect, row.DisabledPlanIds, row.DirectDisabledPlanIds));
            }
        }
        return result;
    }

    private static async Task<List<Membership>> MembershipsAsync(AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var result = new List<Membership>();
        foreach (var chunk in userIds.Chunk(IdChunks.Size))
            result.AddRange(await db.GroupMembers.AsNoTracking().Where(m => EF.Parameter(chunk).Contains(m.UserId))
                .Select(m => new Membership(m.GroupId, m.UserId, m.Error, m.ErrorDetail)).ToListAsync(cancellationToken));
        return result;
    }

    private static async Task<Dictionary<Guid, GroupGrant>> GrantsAsync(AppDbContext db, IReadOnlyList<Guid> groupIds, CancellationToken cancellationToken)
    {
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).Select(g => new { g.Id, g.DisplayName }).ToListAsync(cancellationToken);
        var licenses = (await db.GroupLicenses.AsNoTracking().Where(l => groupIds.Contains(l.GroupId)).ToListAsync(cancellationToken))
            .ToLookup(l => l.GroupId, l => new ProductLicense(l.ProductId, l.DisabledPlanIds));
        return groups.ToDictionary(g => g.Id, g => new GroupGrant(g.Id, g.DisplayName, licenses[g.Id].OrderBy(l => l.ProductId).ToList()));
    }
}
