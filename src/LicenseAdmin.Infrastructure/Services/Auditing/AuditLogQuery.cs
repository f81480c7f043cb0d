using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;

namespace LicenseAdmin.Infrastructure.Services.Auditing;

/// <summary>
/// A filter over the audit log and the page to return. Empty filters match everything; Actor and Target
/// match a part of the text, ignoring case; FromUtc and ToUtc are both inclusive.
/// </summary>
public sealed record AuditLogQuery
{
    public const int MaxTake = 500;

    public string? Action { get; init; }
    public string? Actor { get; init; }
    public string? Target { get; init; }
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    public AuditOutcome? Outcome { get; init; }
    public Guid? OperationId { get; init; }

    /// <summary>Only these actions (a category of them, as the API filters); null for every action.</summary>
    public IReadOnlyCollection<string>? Actions { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 50;

    /// <summary>Throws a <see cref="DomainException"/> naming the field when the filter cannot be run.</summary>
    public void EnsureValidFilter()
    {
        if (!string.IsNullOrWhiteSpace(Action) && !AuditAction.All.Contains(Action.Trim()))
            throw Invalid($"Action '{Action}' is not an audit log action. Use one of: {string.Join(", ", AuditAction.All)}.");
        if (FromUtc is { } from && ToUtc is { } to && to < from)
            throw Invalid($"ToUtc ({to:yyyy-MM-dd HH:mm:ss}) is before FromUtc ({from:yyyy-MM-dd HH:mm:ss}).");
    }

    /// <summary>The filter checks plus the page: Skip from 0, Take from 1 to <see cref="MaxTake"/>.</summary>
    public void EnsureValidPage()
    {
        EnsureValidFilter();
        if (Skip < 0) throw Invalid($"Skip must be 0 or more; it was {Skip}.");
        if (Take is <= 0 or > MaxTake) throw Invalid($"Take must be between 1 and {MaxTake}; it was {Take}.");
    }

    private static DomainException Invalid(string message) => new("InvalidAuditLogQuery", message);
}
