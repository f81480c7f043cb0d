using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Services.Auditing;

/// <summary>What an audited change is, before it runs.</summary>
/// <param name="Caller">Who asks; their roles are reloaded from the database.</param>
/// <param name="Permission">What the caller's role must allow.</param>
/// <param name="Action">The audit action the change and its refusals are recorded under.</param>
/// <param name="Target">Names the target for the audit log; read before the caller check, so a refusal names it too.</param>
/// <param name="ConcurrentChange">The refusal when another admin wrote the same rows between our read and our write.</param>
public sealed record AuditedChange(
    Caller Caller, Permission Permission, string Action, Func<AppDbContext, Task<string>> Target, Func<DomainException> ConcurrentChange);

/// <summary>
/// The one sequence every writing service follows: the caller is checked on reloaded roles (blocked, deleted,
/// wrong tenant, missing role), the change and its audit entries are saved in one transaction, the change is
/// logged, and every refusal is audited with the sentence the caller sees before it is thrown.
/// </summary>
public sealed class AuditedChanges(TenantDbContextFactory contexts, TimeProvider clock, ILogger<AuditedChanges> logger)
{
    public Task<T> RunAsync<T>(
        AuditedChange change, Func<AppDbContext, ActingAdmin, DateTime, Task<T>> write, CancellationToken cancellationToken) =>
        RunAsync(change, _ => Task.FromResult(true), (db, admin, now, _) => write(db, admin, now), cancellationToken);

    /// <param name="change">Who asks for what.</param>
    /// <param name="prepare">
    /// Reads that need no transaction (e.g. the shared catalog), done after the caller check and before the
    /// transaction opens: on SQLite that transaction holds the database's one write lock, and every other writer waits.
    /// </param>
    /// <param name="write">The change itself, inside the transaction; it adds its own audit entries.</param>
    /// <param name="cancellationToken">Cancels the change; nothing is written.</param>
    public async Task<T> RunAsync<TPrepared, T>(
        AuditedChange change, Func<AppDbContext, Task<TPrepared>> prepare,
        Func<AppDbContext, ActingAdmin, DateTime, TPrepared, Task<T>> write, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(change.Caller.TenantId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var target = await change.Target(db);
        var admin = await CallerGuard.RequireAsync(db, change.Caller, change.Permission, change.Action, target, now, cancellationToken);
        try
        {
            var prepared = await prepare(db);
            var result = await WriteTransaction.RunAsync(db, async token =>
            {
                var written = await write(db, admin, now, prepared);
                await db.SaveChangesAsync(token);
                return written;
            }, cancellationToken);
            logger.LogInformation("{Actor} did {Action} on {Target} in tenant {Tenant}", admin.Upn, change.Action, target, admin.TenantId);
            return result;
        }
        catch (DomainException refused)
        {
            await AuditTrail.RefusedAsync(db, admin, now, change.Action, target, refused.Message, cancellationToken);
            throw;
        }
        catch (DbUpdateException ex)
        {
            // SQL Server: another admin wrote the same rows (or took the same unique value) between our read and our write.
            logger.LogWarning(ex, "Concurrent {Action} in tenant {Tenant}", change.Action, admin.TenantId);
            var conflict = change.ConcurrentChange();
            await AuditTrail.RefusedAsync(db, admin, now, change.Action, target, conflict.Message, cancellationToken);
            throw conflict;
        }
    }
}
