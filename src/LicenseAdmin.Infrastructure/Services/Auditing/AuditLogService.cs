using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Auditing;

/// <summary>Reads the tenant's audit log for any admin: filtered pages for the grid and the whole filtered log as CSV.</summary>
public sealed class AuditLogService(TenantDbContextFactory contexts)
{
    public async Task<AuditLogResult> QueryAsync(Caller caller, AuditLogQuery query, CancellationToken cancellationToken)
    {
        query.EnsureValidPage();
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        var reader = await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadAuditLog, cancellationToken);
        var matching = Filter(db, query, reader);
        var total = await matching.CountAsync(cancellationToken);
        var rows = await NewestFirst(matching).Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken);
        return new AuditLogResult(rows, total);
    }

    /// <summary>
    /// One page of the log after where the previous one ended (newest first, keyset on time and id, so entries written
    /// meanwhile never shift a page), with the key of the next page. No total count: the API pages without one.
    /// </summary>
    public async Task<AuditLogKeysetPage> PageAfterAsync(Caller caller, AuditLogQuery query, AuditLogKey? after, CancellationToken cancellationToken)
    {
        query.EnsureValidPage();
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        var reader = await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadAuditLog, cancellationToken);
        var matching = Filter(db, query, reader);
        if (after is not null)
        {
            var at = DateTime.SpecifyKind(after.OccurredUtc, DateTimeKind.Utc);
            matching = matching.Where(e => e.OccurredUtc < at || (e.OccurredUtc == at && e.Id < after.Id));
        }
        var rows = await NewestFirst(matching).Take(query.Take + 1).ToListAsync(cancellationToken);
        var page = rows.Take(query.Take).ToList();
        return new AuditLogKeysetPage(page, rows.Count > query.Take ? new AuditLogKey(page[^1].OccurredUtc, page[^1].Id) : null);
    }

    /// <summary>
    /// One entry of the tenant's log by its id, or null when the tenant has none with it (another tenant's entry
    /// included); a sign-in entry is hidden from the roles the log page hides it from.
    /// </summary>
    public async Task<AuditLogRow?> FindAsync(Caller caller, long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        var reader = await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadAuditLog, cancellationToken);
        return await NewestFirst(Filter(db, new AuditLogQuery(), reader).Where(e => e.Id == id)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Writes every entry matching the filter (Skip and Take are ignored) as CSV, streaming row by row.</summary>
    public async Task ExportCsvAsync(Caller caller, AuditLogQuery query, TextWriter output, CancellationToken cancellationToken)
    {
        query.EnsureValidFilter();
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        var reader = await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadAuditLog, cancellationToken);
        await using var csv = new AuditLogCsvWriter(output);
        await csv.WriteHeaderAsync();
        await foreach (var row in NewestFirst(Filter(db, query, reader)).AsAsyncEnumerable().WithCancellation(cancellationToken))
            await csv.WriteRowAsync(row);
        await csv.FlushAsync();
    }

    private static IQueryable<AuditEntry> Filter(AppDbContext db, AuditLogQuery query, ActingAdmin reader)
    {
        var entries = db.AuditEntries.AsNoTracking();
        // Sign-in attempts (addresses, guessed usernames) are for Global administrators only.
        if (!reader.Roles.HasFlag(AdminRoles.GlobalAdministrator)) entries = entries.Where(e => e.Action != AuditAction.SignIn);
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            entries = entries.Where(e => e.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.ActorUpn.ToLower().Contains(actor));
        }
        if (!string.IsNullOrWhiteSpace(query.Target))
        {
            var target = query.Target.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.Target.ToLower().Contains(target));
        }
        if (query.FromUtc is { } from) entries = entries.Where(e => e.OccurredUtc >= from);
        if (query.ToUtc is { } to) entries = entries.Where(e => e.OccurredUtc <= to);
        if (query.Outcome is { } outcome) entries = entries.Where(e => e.Outcome == outcome);
        if (query.Actions is { } actions)
        {
            var listed = actions.ToList();
            entries = entries.Where(e => listed.Contains(e.Action));
        }
        if (query.OperationId is { } operationId) entries = entries.Where(e => e.OperationId == operationId);
        return entries;
    }

    // Id breaks ties between entries written in the same transaction, so paging is stable.
    private static IQueryable<AuditLogRow> NewestFirst(IQueryable<AuditEntry> entries) =>
        entries.OrderByDescending(e => e.OccurredUtc).ThenByDescending(e => e.Id)
            .Select(e => new AuditLogRow(e.Id, DateTime.SpecifyKind(e.OccurredUtc, DateTimeKind.Utc), e.ActorUpn, e.ActorRole, e.Action,
                e.Target, e.Outcome, e.OperationId, e.Detail, e.Before, e.After, e.TargetId));
}
