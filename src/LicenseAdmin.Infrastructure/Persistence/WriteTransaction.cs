using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>
/// The one way a write opens its own transaction. It runs through the provider's execution strategy: on the server
/// databases (retry on failure) a deadlock, a serialization failure or a dropped connection reruns the whole unit, reads
/// included, so a user never sees such a failure; on SQLite, where writers queue and none of those happen, it runs once.
/// </summary>
public static class WriteTransaction
{
    /// <summary>Runs <paramref name="work"/> in a transaction and commits it when the work returns.</summary>
    /// <remarks>
    /// A retry starts from a clean change tracker: what the failed attempt loaded or added is forgotten, because the
    /// database rolled it back. The work must therefore read everything it decides on inside itself.
    /// </remarks>
    public static Task<T> RunAsync<T>(AppDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var attempts = 0;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            if (attempts++ > 0) db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await transaction.CommitAsync(token);
            return result;
        }, cancellationToken);
    }
}
