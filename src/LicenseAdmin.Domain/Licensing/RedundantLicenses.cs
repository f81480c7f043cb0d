namespace LicenseAdmin.Domain.Licensing;

/// <summary>
/// A license is redundant when every service plan of its product is also in another product the same user holds,
/// e.g. Exchange Online (Plan 2) next to Office 365 E3: removing it takes nothing away from the user. Two products
/// with the same plans make only one of them redundant (the one with the greater id, so the answer is stable).
/// </summary>
public static class RedundantLicenses
{
    /// <param name="held">The products one user holds.</param>
    /// <param name="plansOf">The catalog's service plans of each product.</param>
    /// <returns>The held products made redundant by another held product, with the product that covers each.</returns>
    public static IReadOnlyDictionary<Guid, Guid> Find(IReadOnlyCollection<Guid> held, IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> plansOf)
    {
        var redundant = new Dictionary<Guid, Guid>();
        foreach (var product in held.Distinct())
        {
            if (!plansOf.TryGetValue(product, out var plans) || plans.Count == 0) continue;
            var cover = held.Distinct()
                .Where(other => other != product && plansOf.TryGetValue(other, out var otherPlans) && Covers(otherPlans, plans, other, product))
                .OrderByDescending(other => plansOf[other].Count).ThenBy(other => other)
                .Select(other => (Guid?)other).FirstOrDefault();
            if (cover is { } by) redundant[product] = by;
        }
        return redundant;
    }

    /// <summary>
    /// The catalog's products that make <paramref name="product"/> redundant for a user who holds both: the same rule
    /// as <see cref="Find"/>, asked once per product so a database query can look for holders of any of them.
    /// </summary>
    public static IReadOnlyList<Guid> CoveringProducts(Guid product, IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> plansOf)
    {
        if (!plansOf.TryGetValue(product, out var plans) || plans.Count == 0) return [];
        return plansOf.Where(other => other.Key != product && Covers(other.Value, plans, other.Key, product))
            .Select(other => other.Key).Order().ToList();
    }

    private static bool Covers(IReadOnlySet<Guid> coverPlans, IReadOnlySet<Guid> plans, Guid cover, Guid product) =>
        plans.IsSubsetOf(coverPlans) && (coverPlans.Count > plans.Count || cover.CompareTo(product) < 0);
}
