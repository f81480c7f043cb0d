using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Licensing;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>
/// What deleted users held when they were deleted, as their latest succeeded "Delete user" audit entry recorded it.
/// Restore gives these licenses back and Deleted users lists them, so both read them here.
/// </summary>
internal static class DeletionRecords
{
    public static async Task<Dictionary<Guid, IReadOnlyList<AuditedLicense>>> LicensesAtDeletionAsync(
        AppDbContext db, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, IReadOnlyList<AuditedLicense>>();
        foreach (var chunk in userIds.Chunk(IdChunks.Size))
        {
            var entries = await db.AuditEntries.AsNoTracking()
                .Where(e => e.TargetId != null && chunk.Contains(e.TargetId.Value) && e.Action == AuditAction.DeleteUser && e.Outcome == AuditOutcome.Succeeded)
                .Select(e => new { e.Id, UserId = e.TargetId!.Value, e.Before })
                .ToListAsync(cancellationToken);
            foreach (var latest in entries.GroupBy(e => e.UserId).Select(g => g.MaxBy(e => e.Id)!))
                result[latest.UserId] = AuditTrail.FromJson<List<AuditedLicense>>(latest.Before) ?? [];
        }

        return result;
    }
}
