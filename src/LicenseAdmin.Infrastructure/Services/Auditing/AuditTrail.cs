using System.Text.Json;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Security;

namespace LicenseAdmin.Infrastructure.Services.Auditing;

/// <summary>
/// Adds audit entries to the context of the change they describe, so they are written in the same
/// transaction; refusals are written on their own, since nothing else is.
/// </summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string? ToJson<T>(T? state) => state is null ? null : JsonSerializer.Serialize(state, Json);

    public static T? FromJson<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Json);

    public static void Succeeded(
        AppDbContext db, ActingAdmin actor, DateTime nowUtc, string action, string target,
        object? before = null, object? after = null, Guid? operationId = null, string? detail = null, Guid? targetId = null) =>
        db.AuditEntries.Add(SucceededEntry(actor, nowUtc, action, target, before, after, operationId, detail, targetId));

    /// <summary>The entry <see cref="Succeeded"/> adds, for callers that write many entries in bulk.</summary>
    public static AuditEntry SucceededEntry(
        ActingAdmin actor, DateTime nowUtc, string action, string target,
        object? before = null, object? after = null, Guid? operationId = null, string? detail = null, Guid? targetId = null) =>
        new(actor.TenantId, nowUtc, actor.Upn, actor.RoleDescription, action, target,
            AuditOutcome.Succeeded, ToJson(before), ToJson(after), operationId, detail, targetId);

    /// <summary>
    /// A succeeded entry of the portal's own background work (a <see cref="SystemJobAttribute"/> method): no person
    /// acted, so the job's name stands as the actor and <c>System</c> as its role.
    /// </summary>
    public static void BySystem(
        AppDbContext db, Guid tenantId, DateTime nowUtc, string job, string action, string target,
        object? before = null, object? after = null, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry(tenantId, nowUtc, job, SystemRole, action, target,
            AuditOutcome.Succeeded, ToJson(before), ToJson(after), operationId: null, detail, targetId: null));

    /// <summary>The role shown for background work in the audit log.</summary>
    public const string SystemRole = "System";

    /// <summary>Records a refused attempt and saves it at once (the refused change itself writes nothing).</summary>
    public static async Task RefusedAsync(
        AppDbContext db, ActingAdmin actor, DateTime nowUtc, string action, string target, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.AuditEntries.Add(new AuditEntry(actor.TenantId, nowUtc, actor.Upn, actor.RoleDescription, action, target,
            AuditOutcome.Refused, detail: reason));
        await db.SaveChangesAsync(cancellationToken);
    }
}
