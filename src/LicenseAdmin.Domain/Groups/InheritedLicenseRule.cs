using LicenseAdmin.Domain.Licensing.Planning;

namespace LicenseAdmin.Domain.Groups;

/// <summary>
/// An inherited license is changed on its group, never on the user (docs/product-rules.md, "Groups"): a direct change
/// that would remove a product the user inherits, or change its plans, is refused with the groups it comes from. Adding
/// a product the user does not hold, or changing a license that is direct only, stays allowed.
/// </summary>
public static class InheritedLicenseRule
{
    /// <param name="plan">The planned direct change.</param>
    /// <param name="catalog">For product names.</param>
    /// <param name="inheritedFrom">Per user, per product, the names of the groups it is inherited from.</param>
    public static IReadOnlyList<Violation> Check(
        LicensePlan plan, LicensingCatalog catalog, IReadOnlyDictionary<Guid, IReadOnlyDictionary<Guid, IReadOnlyList<string>>> inheritedFrom)
    {
        var violations = new List<Violation>();
        foreach (var user in plan.ChangedUsers)
        {
            if (!inheritedFrom.TryGetValue(user.UserId, out var products)) continue;
            var touched = user.Removed.Concat(user.Changed.Select(c => c.ProductId))
                .Concat(user.Added.Select(a => a.ProductId));
            foreach (var productId in touched.Distinct())
            {
                if (!products.TryGetValue(productId, out var groups) || !catalog.TryGetProduct(productId, out var product)) continue;
                violations.Add(ViolationMessages.Inherited(user.UserId, user.UserPrincipalName, product, groups));
            }
        }
        return violations;
    }
}
