using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>Where a license comes from: direct or inherited only, and the direct part's own disabled plans while it is also inherited.</summary>
public sealed record AssignmentSource(bool IsDirect, IReadOnlyList<Guid>? DirectDisabledPlanIds);

/// <summary>The source of a new license of a user and product; null for a plain direct license.</summary>
public delegate AssignmentSource? AssignmentSourceOf(Guid userId, Guid productId);

/// <summary>
/// Writes the changed users' license assignments set-based: one DELETE per product and chunk of users for removals,
/// one UPDATE per product, new set of disabled plans and chunk of users for plan changes, <see cref="BulkInsert"/> for
/// additions. The statements name the product and the users, which the (TenantId, UserId, ProductId) index answers
/// with lookups; by assignment id, SQLite would walk every assignment of the tenant instead.
/// </summary>
internal static class AssignmentWriter
{
    public static async Task WriteAsync(
        AppDbContext db, Guid tenantId, IReadOnlyList<UserPlan> users, DateTime nowUtc, CancellationToken cancellationToken, AssignmentSourceOf? sourceOf = null)
    {
        var removals = users.SelectMany(u => u.Removed.Select(productId => (ProductId: productId, u.UserId)));
        foreach (var product in removals.GroupBy(r => r.ProductId, r => r.UserId))
        {
            foreach (var chunk in product.Chunk(IdChunks.Size))
            {
                var deleted = await db.LicenseAssignments.Where(a => a.ProductId == product.Key && EF.Parameter(chunk).Contains(a.UserId))
                    .ExecuteDeleteAsync(cancellationToken);
                ExpectedRows.Check(chunk.Length, deleted, "license assignments");
            }
        }

        var planChanges = users.SelectMany(u => u.Changed.Select(c => (Key: new PlanChange(c.ProductId, LicenseAssignment.Canonical(c.After)), u.UserId)));
        foreach (var change in planChanges.GroupBy(c => c.Key, c => c.UserId))
        {
            var (productId, disabled) = change.Key;
            foreach (var chunk in change.Chunk(IdChunks.Size))
            {
                var updated = await db.LicenseAssignments.Where(a => a.ProductId == productId && EF.Parameter(chunk).Contains(a.UserId))
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.DisabledPlanIds, disabled), cancellationToken);
                ExpectedRows.Check(chunk.Length, updated, "license assignments");
            }
        }

        // Version 7 ids grow with time, so new rows go to the end of the primary key index instead of all over it.
        var added = users.SelectMany(u => u.Added.Select(l => NewAssignment(tenantId, u.UserId, l, nowUtc, sourceOf)));
        await BulkInsert.InsertAsync(db, added.ToList(), cancellationToken);
    }

    private static LicenseAssignment NewAssignment(Guid tenantId, Guid userId, ProductLicense license, DateTime nowUtc, AssignmentSourceOf? sourceOf)
    {
        var assignment = new LicenseAssignment(Guid.CreateVersion7(), tenantId, userId, license.ProductId, license.DisabledPlanIds, nowUtc);
        if (sourceOf?.Invoke(userId, license.ProductId) is { } source) assignment.SetSource(source.IsDirect, source.DirectDisabledPlanIds);
        return assignment;
    }

    /// <summary>A product and the disabled plans it changes to; equal when the plans are (both lists are canonical, so sorted).</summary>
    private readonly record struct PlanChange(Guid ProductId, IReadOnlyList<Guid> Disabled)
    {
        public bool Equals(PlanChange other) => ProductId == other.ProductId && Disabled.SequenceEqual(other.Disabled);

        public override int GetHashCode() => Disabled.Aggregate(ProductId.GetHashCode(), HashCode.Combine);
    }
}
