namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>
/// Checks requested products and their disabled plans against the catalog. Each problem is reported once per
/// product (not once per user), so an undo of 100,000 users with one stale plan id yields one violation.
/// </summary>
internal sealed class SelectionValidator(LicensingCatalog catalog, List<Violation> violations)
{
    private readonly HashSet<Guid> _reportedUnknownProducts = [];
    private readonly HashSet<(Guid Product, Guid Plan)> _reportedInvalidPlans = [];
    private readonly HashSet<Guid> _reportedDuplicates = [];

    /// <summary>Returns the licenses that can be planned; unknown and repeated products are left out and reported.</summary>
    public List<(ProductInfo Product, ProductLicense License)> Accept(IEnumerable<ProductLicense> licenses)
    {
        var accepted = new List<(ProductInfo, ProductLicense)>();
        var seen = new HashSet<Guid>();
        foreach (var license in licenses)
        {
            if (!catalog.TryGetProduct(license.ProductId, out var product))
            {
                if (_reportedUnknownProducts.Add(license.ProductId)) violations.Add(ViolationMessages.UnknownProduct(license.ProductId));
                continue;
            }

            if (!seen.Add(product.Id))
            {
                if (_reportedDuplicates.Add(product.Id)) violations.Add(ViolationMessages.DuplicateProduct(product));
                continue;
            }

            foreach (var planId in license.DisabledPlanIds.Where(id => !product.Contains(id)))
                if (_reportedInvalidPlans.Add((product.Id, planId))) violations.Add(ViolationMessages.InvalidServicePlan(product, planId));

            accepted.Add((product, license));
        }

        return accepted;
    }

    public ProductInfo? Known(Guid productId)
    {
        if (catalog.TryGetProduct(productId, out var product)) return product;
        if (_reportedUnknownProducts.Add(productId)) violations.Add(ViolationMessages.UnknownProduct(productId));
        return null;
    }
}
