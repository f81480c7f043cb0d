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

    /// <summary>The target column's length on every provider.</summary>
    public const int MaxTargetLength = 512;

    /// <summary>
    /// A target as the log can keep it whatever was typed (a refused attempt names what the caller sent): control
    /// characters other than line breaks and tabs (which the CSV export quotes) shown as U+FFFD, and cut to
    /// <see cref="MaxTargetLength"/> with an ellipsis.
    /// </summary>
    public static string Readable(string target)
    {
        var visible = new string(target.Select(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t') ? '\uFFFD' : c).ToArray());
        return visible.Length <= MaxTargetLength ? visible : string.Concat(visible.AsSpan(0, MaxTargetLength - 1), "…");
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
        Target = Readable(target);
        Outcome = outcome;
        Before = before;
        After = after;
        OperationId = operationId;
        // A NUL cannot be stored by PostgreSQL; a refusal's sentence may quote what was typed.
        Detail = detail?.Replace('\0', '\uFFFD');
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
