using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>
/// Row locks on the users a license change (assign, bulk change, delete, restore) is about, taken inside its transaction
/// before it reads them. SQLite needs none (one writer at a time). On PostgreSQL, read committed lets two transactions
/// plan on the same user at once: an assignment planned while the user was active could be written after a racing
/// delete committed, leaving a deleted user holding a seat. Locks are taken in id order, one fixed order, so two changes
/// of overlapping users queue instead of deadlocking; the seat counters are locked after them, by the same changes.
/// </summary>
internal static class UserRowLocks
{
    public static bool Applies(AppDbContext db) => db.Database.IsNpgsql();

    public static async Task LockAsync(AppDbContext db, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        if (!Applies(db) || userIds.Count == 0) return;
        foreach (var chunk in userIds.Distinct().Order().Chunk(IdChunks.Size))
        {
            await db.Database.SqlQuery<Guid>(
                $"""SELECT "Id" AS "Value" FROM "DirectoryUsers" WHERE "Id" = ANY({chunk}) ORDER BY "Id" FOR UPDATE""")
                .ToListAsync(cancellationToken);
        }
    }
}
