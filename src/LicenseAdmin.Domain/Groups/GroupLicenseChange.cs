using LicenseAdmin.Domain.Licensing.Planning;

namespace LicenseAdmin.Domain.Groups;

/// <summary>
/// Graph's <c>assignLicense</c> on a group (docs/product-rules.md, "Groups"): the products a group gives after adding
/// some (or setting their disabled plans) and removing others. Removing a product the group does not give is refused,
/// naming the product and the group, as Entra refuses it.
/// </summary>
public static class GroupLicenseChange
{
    /// <param name="groupName">For the refusal.</param>
    /// <param name="catalog">For product names.</param>
    /// <param name="current">What the group gives now.</param>
    /// <param name="add">Products to add, or whose disabled plans to set.</param>
    /// <param name="remove">Products to take away; each must be one the group gives.</param>
    public static IReadOnlyList<ProductLicense> Apply(
        string groupName, LicensingCatalog catalog, IReadOnlyList<ProductLicense> current, IReadOnlyList<ProductLicense> add, IReadOnlyList<Guid> remove)
    {
        foreach (var productId in remove.Distinct())
        {
            if (current.Any(c => c.ProductId == productId)) continue;
            if (!catalog.TryGetProduct(productId, out var product)) throw new DomainException(ViolationMessages.UnknownProduct(productId).Reason);
            throw NotGiven(groupName, product.DisplayName);
        }

        var added = add.Select(a => a.ProductId).ToHashSet();
        return current.Where(c => !added.Contains(c.ProductId) && !remove.Contains(c.ProductId)).Concat(add).ToList();
    }

    public static DomainException NotGiven(string groupName, string product) =>
        new(new DomainMessage("GroupLicenseNotGiven",
            "The group {Group} does not give {Product}, so it cannot be removed from the group.", new { Group = groupName, Product = product }));
}
