namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>
/// A product with the set of its service plans that are turned off: what a user holds, what an admin
/// asks for, or what a user held before an operation. An empty set means every plan is on.
/// </summary>
public sealed class ProductLicense
{
    public ProductLicense(Guid productId, IEnumerable<Guid>? disabledPlanIds = null)
    {
        ProductId = productId;
        // A private copy, so the caller cannot change the license after handing it over.
        DisabledPlanIds = disabledPlanIds is null ? EmptySet : new HashSet<Guid>(disabledPlanIds);
    }

    /// <summary>Shares a set the planner already owns and never changes, so planning 100,000 users copies nothing.</summary>
    internal ProductLicense(Guid productId, IReadOnlySet<Guid> ownedDisabledPlanIds)
    {
        ProductId = productId;
        DisabledPlanIds = ownedDisabledPlanIds;
    }

    private static readonly IReadOnlySet<Guid> EmptySet = new HashSet<Guid>();

    public Guid ProductId { get; }

    public IReadOnlySet<Guid> DisabledPlanIds { get; }

    public static ProductLicense AllPlansOn(Guid productId) => new(productId);

    public override string ToString() =>
        DisabledPlanIds.Count == 0 ? $"{ProductId}" : $"{ProductId} (disabled: {string.Join(", ", DisabledPlanIds.Order())})";
}
