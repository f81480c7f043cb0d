namespace LicenseAdmin.Domain.Licensing;

/// <summary>A user holds a product, with the set of that product's plans turned off. At most once per user and product.</summary>
public sealed class LicenseAssignment : ITenantOwned
{
    private List<Guid> _disabledPlanIds = [];

    private LicenseAssignment() { }

    public LicenseAssignment(Guid id, Guid tenantId, Guid userId, Guid productId, IEnumerable<Guid> disabledPlanIds, DateTime assignedUtc)
    {
        Id = id;
        TenantId = tenantId;
        UserId = userId;
        ProductId = productId;
        _disabledPlanIds = Canonical(disabledPlanIds);
        AssignedUtc = assignedUtc;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid ProductId { get; private set; }
    public DateTime AssignedUtc { get; private set; }

    /// <summary>
    /// An admin gave the product to the user directly (true for every license before group-based licensing). False
    /// when the license is only inherited from groups (<see cref="Groups.InheritedLicense"/>).
    /// </summary>
    public bool IsDirect { get; private set; } = true;

    /// <summary>
    /// The direct assignment's own disabled plans while the license is also inherited (the stored
    /// <see cref="DisabledPlanIds"/> are then the union's); null otherwise. The user falls back to them when the groups go.
    /// </summary>
    public IReadOnlyList<Guid>? DirectDisabledPlanIds { get; private set; }

    /// <summary>The product's plans that are turned off for this user, sorted so equal sets compare equal.</summary>
    public IReadOnlyList<Guid> DisabledPlanIds
    {
        get => _disabledPlanIds;
        private set => _disabledPlanIds = Canonical(value);
    }

    public void SetDisabledPlans(IEnumerable<Guid> disabledPlanIds) => _disabledPlanIds = Canonical(disabledPlanIds);

    /// <summary>
    /// Says where a new license comes from: direct or inherited only, and the direct part's own disabled plans while it is
    /// also inherited (null otherwise), so the row is written with its source rather than corrected after.
    /// </summary>
    public void SetSource(bool isDirect, IEnumerable<Guid>? directDisabledPlanIds)
    {
        IsDirect = isDirect;
        DirectDisabledPlanIds = directDisabledPlanIds is null ? null : Canonical(directDisabledPlanIds);
    }

    /// <summary>A set of disabled plans as it is stored: each plan once, sorted.</summary>
    public static List<Guid> Canonical(IEnumerable<Guid> ids) => ids.Distinct().Order().ToList();
}
