using System.Globalization;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Auditing;

namespace LicenseAdmin.Web.Exports;

/// <summary>Reads the export's query string into an <see cref="AuditLogQuery"/>; a value that is not understood names its parameter.</summary>
internal static class AuditLogExportQuery
{
    public static AuditLogQuery Parse(IQueryCollection values) => new()
    {
        Action = Text(values, "action"),
        Actor = Text(values, "actor"),
        Target = Text(values, "target"),
        FromUtc = Time(values, "from"),
        ToUtc = Time(values, "to"),
        Outcome = Text(values, "outcome") is { } outcome
            ? Enum.TryParse<AuditOutcome>(outcome, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw Invalid($"outcome '{outcome}' is not Succeeded or Refused.")
            : null,
        OperationId = Text(values, "operation") is { } operation
            ? Guid.TryParse(operation, out var id) ? id : throw Invalid($"operation '{operation}' is not an operation id.")
            : null,
    };

    private static string? Text(IQueryCollection values, string name) =>
        values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString().Trim() : null;

    private static DateTime? Time(IQueryCollection values, string name)
    {
        if (Text(values, name) is not { } text) return null;
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw Invalid($"{name} '{text}' is not a date and time (use ISO 8601, e.g. 2026-11-01T00:00:00Z).");
    }

    private static DomainException Invalid(string message) => new("InvalidAuditLogQuery", message);
}
