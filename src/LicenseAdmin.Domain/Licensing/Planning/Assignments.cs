namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>
/// A user's licenses keyed by product: product id -> disabled plan ids. Insertion order is kept
/// (no removals happen while building), so previews list products in the order they were given.
/// </summary>
internal sealed class Assignments : Dictionary<Guid, IReadOnlySet<Guid>>
{
    public Assignments() { }

    private Assignments(Assignments other) : base(other) { }

    public static Assignments From(IEnumerable<ProductLicense> licenses)
    {
        var assignments = new Assignments();
        // A user holds a product at most once; should the rows say otherwise, the first one wins.
        foreach (var license in licenses) assignments.TryAdd(license.ProductId, license.DisabledPlanIds);
        return assignments;
    }

    public Assignments Copy() => new(this);

    /// <summary>The same licenses, in the same order, as planner assignments.</summary>
    public static Assignments Of(IEnumerable<KeyValuePair<Guid, IReadOnlySet<Guid>>> licenses)
    {
        var assignments = new Assignments();
        foreach (var (productId, disabled) in licenses) assignments[productId] = disabled;
        return assignments;
    }

}
