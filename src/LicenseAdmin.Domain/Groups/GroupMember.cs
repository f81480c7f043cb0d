namespace LicenseAdmin.Domain.Groups;

/// <summary>
/// Why a member did not get a group's licenses (Entra's group-based licensing error states). All or nothing per group
/// and member: one product that cannot be given means none of that group's products are given.
/// </summary>
public enum GroupLicenseError
{
    /// <summary>Not enough seats of a product.</summary>
    CountViolation,

    /// <summary>A plan of the group conflicts with an enabled plan the member already has.</summary>
    MutuallyExclusiveViolation,

    /// <summary>A plan of the group needs another plan the member does not have enabled.</summary>
    DependencyViolation,

    /// <summary>The member has no usage location, so no product can be given.</summary>
    ProhibitedInUsageLocationViolation,

    /// <summary>Anything else: the product is not subscribed, or its subscription is suspended.</summary>
    Other,
}

/// <summary>A user in a group, with the error state of the group's licenses for that user (null when they were given).</summary>
public sealed class GroupMember : ITenantOwned
{
    public const int MaxErrorDetailLength = 1024;

    private GroupMember() { }

    public GroupMember(Guid groupId, Guid userId, Guid tenantId, DateTime addedUtc)
    {
        GroupId = groupId;
        UserId = userId;
        TenantId = tenantId;
        AddedUtc = addedUtc;
    }

    public Guid GroupId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid TenantId { get; private set; }
    public DateTime AddedUtc { get; private set; }
    public GroupLicenseError? Error { get; private set; }

    /// <summary>The English sentence of the error, for the audit log and the API; the portal words it from <see cref="Error"/>.</summary>
    public string? ErrorDetail { get; private set; }

    public void SetError(GroupLicenseError? error, string? detail)
    {
        Error = error;
        ErrorDetail = StoredDetail(detail);
    }

    /// <summary>The error sentence as it is stored: cut to <see cref="MaxErrorDetailLength"/>.</summary>
    public static string? StoredDetail(string? detail) => detail is { Length: > MaxErrorDetailLength } ? detail[..MaxErrorDetailLength] : detail;
}

/// <summary>A product a group gives its members, with the plans turned off for them.</summary>
public sealed class GroupLicense : ITenantOwned
{
    private List<Guid> _disabledPlanIds = [];

    private GroupLicense() { }

    public GroupLicense(Guid groupId, Guid productId, Guid tenantId, IEnumerable<Guid> disabledPlanIds)
    {
        GroupId = groupId;
        ProductId = productId;
        TenantId = tenantId;
        _disabledPlanIds = Licensing.LicenseAssignment.Canonical(disabledPlanIds);
    }

    public Guid GroupId { get; private set; }
    public Guid ProductId { get; private set; }
    public Guid TenantId { get; private set; }

    public IReadOnlyList<Guid> DisabledPlanIds
    {
        get => _disabledPlanIds;
        private set => _disabledPlanIds = Licensing.LicenseAssignment.Canonical(value);
    }

    public void SetDisabledPlans(IEnumerable<Guid> disabledPlanIds) => _disabledPlanIds = Licensing.LicenseAssignment.Canonical(disabledPlanIds);
}

/// <summary>
/// A member holds a product because of a group: one row per user, product and group. The seat is the user's one
/// <see cref="Licensing.LicenseAssignment"/> of the product, shared with a direct assignment and other groups.
/// </summary>
public sealed class InheritedLicense : ITenantOwned
{
    private InheritedLicense() { }

    public InheritedLicense(Guid userId, Guid productId, Guid groupId, Guid tenantId)
    {
        UserId = userId;
        ProductId = productId;
        GroupId = groupId;
        TenantId = tenantId;
    }

    public Guid UserId { get; private set; }
    public Guid ProductId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid TenantId { get; private set; }
}

/// <summary>
/// One user waiting for the group license processor: their inherited licenses are recomputed from all their groups.
/// A row stays until the batch that processed it commits, so a crash leaves it for the next run.
/// </summary>
public sealed class GroupLicensingWork : ITenantOwned
{
    private GroupLicensingWork() { }

    public const int MaxRequestedByLength = 256;

    public GroupLicensingWork(Guid id, Guid tenantId, Guid userId, Guid? groupId, string requestedBy, DateTime queuedUtc)
    {
        RequestedBy = requestedBy.Length > MaxRequestedByLength ? requestedBy[..MaxRequestedByLength] : requestedBy;
        Id = id;
        TenantId = tenantId;
        UserId = userId;
        GroupId = groupId;
        QueuedUtc = queuedUtc;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>The group whose change queued the user (its status and audit entries follow the work); null for a user reprocess.</summary>
    public Guid? GroupId { get; private set; }

    public DateTime QueuedUtc { get; private set; }

    /// <summary>The admin whose change queued the user: the processor's audit entries are on their behalf.</summary>
    public string RequestedBy { get; private set; } = string.Empty;
}
