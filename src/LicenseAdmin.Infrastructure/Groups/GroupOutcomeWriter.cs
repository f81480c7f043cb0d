using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Groups;

/// <summary>
/// Writes what a batch's resolution says beyond the licenses themselves, set-based inside the batch's transaction: the
/// inherited rows, the source of licenses the members already held, and the memberships' error states. Rows that
/// change alike go in one statement per chunk of users (one per batch in the usual case of one group and one outcome),
/// never one per member.
/// </summary>
internal static class GroupOutcomeWriter
{
    public static async Task WriteAsync(
        AppDbContext db, Guid tenantId, IReadOnlyList<Guid> userIds, GroupBatch batch, GroupBatchResolution resolution, CancellationToken cancellationToken)
    {
        await InheritedAsync(db, tenantId, userIds, resolution, cancellationToken);
        await SourcesOfHeldAsync(db, batch, resolution, cancellationToken);
        await ErrorsAsync(db, batch, resolution, cancellationToken);
    }

    /// <summary>The batch users' inherited rows are replaced by what the resolution gives.</summary>
    private static async Task InheritedAsync(
        AppDbContext db, Guid tenantId, IReadOnlyList<Guid> userIds, GroupBatchResolution resolution, CancellationToken cancellationToken)
    {
        foreach (var chunk in userIds.Chunk(IdChunks.Size))
            await db.InheritedLicenses.Where(i => EF.Parameter(chunk).Contains(i.UserId)).ExecuteDeleteAsync(cancellationToken);
        var rows = resolution.Members
            .SelectMany(m => m.Result.InheritedFrom.SelectMany(p => p.Value.Select(g => new InheritedLicense(m.User.UserId, p.Key, g, tenantId))))
            .ToList();
        await BulkInsert.InsertAsync(db, rows, cancellationToken);
    }

    /// <summary>
    /// A license the member already held whose source changed (it became inherited too, or stopped being); new ones were
    /// inserted with theirs by the plan writer.
    /// </summary>
    private static async Task SourcesOfHeldAsync(AppDbContext db, GroupBatch batch, GroupBatchResolution resolution, CancellationToken cancellationToken)
    {
        var changed = new List<(Guid ProductId, bool IsDirect, IReadOnlyList<Guid>? Keep, Guid UserId)>();
        foreach (var member in resolution.Members)
        {
            var before = batch.HeldBy(member.User.UserId).ToDictionary(h => h.ProductId);
            foreach (var license in member.Result.Final)
            {
                if (!before.TryGetValue(license.ProductId, out var old)) continue;
                var source = GroupBatchResolution.SourceOf(member, license.ProductId);
                if (old.IsDirect == source.IsDirect && SamePlans(old.DirectDisabledPlanIds, source.DirectDisabledPlanIds)) continue;
                changed.Add((license.ProductId, source.IsDirect, source.DirectDisabledPlanIds, member.User.UserId));
            }
        }

        foreach (var same in changed.GroupBy(c => (c.ProductId, c.IsDirect, Plans: Key(c.Keep))))
        {
            var (productId, isDirect, _) = same.Key;
            var keep = same.First().Keep;
            foreach (var chunk in same.Select(c => c.UserId).Chunk(IdChunks.Size))
            {
                var updated = await db.LicenseAssignments.Where(a => a.ProductId == productId && EF.Parameter(chunk).Contains(a.UserId))
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDirect, isDirect).SetProperty(a => a.DirectDisabledPlanIds, keep), cancellationToken);
                ExpectedRows.Check(chunk.Length, updated, "license assignments");
            }
        }
    }

    /// <summary>Memberships whose error state or sentence changed.</summary>
    private static async Task ErrorsAsync(AppDbContext db, GroupBatch batch, GroupBatchResolution resolution, CancellationToken cancellationToken)
    {
        var changed = batch.Memberships.SelectMany(m => m)
            .Where(m => resolution.Errors.TryGetValue((m.GroupId, m.UserId), out var now) && (now.Error != m.Error || now.Detail != m.ErrorDetail))
            .Select(m => (m.GroupId, m.UserId, State: resolution.Errors[(m.GroupId, m.UserId)]));
        foreach (var same in changed.GroupBy(c => (c.GroupId, c.State.Error, c.State.Detail)))
        {
            var (groupId, error, detail) = same.Key;
            foreach (var chunk in same.Select(c => c.UserId).Chunk(IdChunks.Size))
            {
                var updated = await db.GroupMembers.Where(m => m.GroupId == groupId && EF.Parameter(chunk).Contains(m.UserId))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Error, error).SetProperty(m => m.ErrorDetail, detail), cancellationToken);
                ExpectedRows.Check(chunk.Length, updated, "group memberships");
            }
        }
    }

    private static bool SamePlans(IReadOnlyList<Guid>? stored, IReadOnlyList<Guid>? wanted) =>
        (stored is null) == (wanted is null) && (stored ?? []).SequenceEqual(wanted ?? []);

    /// <summary>A set of plans as a grouping key (lists compare by reference); null stays apart from an empty set.</summary>
    private static string Key(IReadOnlyList<Guid>? plans) => plans is null ? "-" : string.Join(",", plans);
}
