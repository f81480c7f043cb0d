namespace LicenseAdmin.Domain.Licensing;

/// <summary>
/// One applied license change (single or bulk). Every audit entry of its users carries its id and each
/// user's state before it, which is what <c>Undo</c> restores. An operation can be undone once.
/// </summary>
public sealed class LicenseOperation : ITenantOwned
{
    private LicenseOperation()
    {
        Kind = ActorUpn = string.Empty;
    }

    public LicenseOperation(Guid id, Guid tenantId, string kind, DateTime appliedUtc, string actorUpn, int userCount, Guid? undoOf = null)
    {
        Id = id;
        TenantId = tenantId;
        Kind = kind;
        AppliedUtc = appliedUtc;
        ActorUpn = actorUpn;
        UserCount = userCount;
        UndoOfOperationId = undoOf;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }

    /// <summary>What the admin asked for, e.g. "Replace existing products".</summary>
    public string Kind { get; private set; }

    public DateTime AppliedUtc { get; private set; }
    public string ActorUpn { get; private set; }
    public int UserCount { get; private set; }

    /// <summary>Set when this operation is itself an undo.</summary>
    public Guid? UndoOfOperationId { get; private set; }

    /// <summary>The operation that undid this one, once undone.</summary>
    public Guid? UndoneByOperationId { get; private set; }

    public bool IsUndone => UndoneByOperationId is not null;

    /// <summary>An operation can be undone once; a second undo is refused with <see cref="ChangeAlreadyUndoneException"/>.</summary>
    public void EnsureNotUndone()
    {
        if (IsUndone) throw new ChangeAlreadyUndoneException(this);
    }

    public void MarkUndone(Guid undoOperationId)
    {
        EnsureNotUndone();
        UndoneByOperationId = undoOperationId;
    }
}

/// <summary>The one way an already-undone change is recognised and refused, whether found before the undo or while marking it.</summary>
public sealed class ChangeAlreadyUndoneException(LicenseOperation operation)
    : DomainException(new DomainMessage("AlreadyUndone", "This change ({Kind}, {Applied:yyyy-MM-dd HH:mm} UTC) was already undone; nothing was changed.",
        new { operation.Kind, Applied = operation.AppliedUtc }));
