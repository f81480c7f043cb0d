namespace LicenseAdmin.Domain.Administration;

public enum AuditOutcome
{
    Succeeded = 0,
    Refused = 1,
}

/// <summary>One line of the append-only audit log. There are no setters after creation and no delete.</summary>
public sealed class AuditEntry : ITenantOwned
{
    private AuditEntry()
    {
        ActorUpn = ActorRole = Action = Target = string.Empty;
    }

    public AuditEntry(
        Guid tenantId, DateTime occurredUtc, string actorUpn, string actorRole, string action, string target,
        AuditOutcome outcome, string? before = null, string? after = null, Guid? operationId = null, string? detail = null,
        Guid? targetId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        TenantId = tenantId;
        OccurredUtc = occurredUtc;
        ActorUpn = actorUpn;
        ActorRole = actorRole;
        Action = action;
        Target = target;
        Outcome = outcome;
        Before = before;
        After = after;
        OperationId = operationId;
        Detail = detail;
        TargetId = targetId;
    }

    public long Id { get; private set; }
    public Guid TenantId { get; private set; }
    public DateTime OccurredUtc { get; private set; }
    public string ActorUpn { get; private set; }
    public string ActorRole { get; private set; }
    public string Action { get; private set; }
    public string Target { get; private set; }
    public AuditOutcome Outcome { get; private set; }

    /// <summary>JSON of the target's state before the change (null for refusals and creations).</summary>
    public string? Before { get; private set; }

    public string? After { get; private set; }

    /// <summary>The bulk operation this entry belongs to; undo finds every user's previous state by it.</summary>
    public Guid? OperationId { get; private set; }

    /// <summary>The id of the user (or other row) the entry is about, when it has one; the target name may change later.</summary>
    public Guid? TargetId { get; private set; }

    /// <summary>Why a refused attempt was refused, or a summary of counts.</summary>
    public string? Detail { get; private set; }
}
