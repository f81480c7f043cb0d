using LicenseAdmin.Domain.Administration;

namespace LicenseAdmin.Infrastructure.Services.Auditing;

/// <summary>One audit entry as the log shows it. Before and After are the JSON that was recorded.</summary>
public sealed record AuditLogRow(
    long Id, DateTime OccurredUtc, string Actor, string Role, string Action, string Target, AuditOutcome Outcome,
    Guid? OperationId, string? Detail, string? Before, string? After, Guid? TargetId = null);

/// <summary>One page of the log, newest first, and how many entries match the filter in all.</summary>
public sealed record AuditLogResult(IReadOnlyList<AuditLogRow> Rows, int TotalCount);

/// <summary>Where a keyset page of the log ended: the time and id of its last (oldest) entry.</summary>
public sealed record AuditLogKey(DateTime OccurredUtc, long Id);

public sealed record AuditLogKeysetPage(IReadOnlyList<AuditLogRow> Rows, AuditLogKey? Next);
