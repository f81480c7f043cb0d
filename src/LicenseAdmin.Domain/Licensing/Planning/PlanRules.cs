namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>The per-user plan rules (mutual exclusion and dependencies), checked on the user's FINAL enabled plans.</summary>
internal sealed class PlanRules(LicensingCatalog catalog)
{
    public bool TryGetProduct(Guid productId, out ProductInfo product) => catalog.TryGetProduct(productId, out product);

    /// <summary>Every enabled plan and the first product (in assignment order) that enables it.</summary>
    public Dictionary<Guid, ProductInfo> EnabledPlans(IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> assignments)
    {
        var enabled = new Dictionary<Guid, ProductInfo>();
        foreach (var (productId, disabled) in assignments)
        {
            // A product missing from the catalog provisions nothing the rules know about.
            if (!catalog.TryGetProduct(productId, out var product)) continue;
            foreach (var plan in product.Plans)
                if (!disabled.Contains(plan.Id)) enabled.TryAdd(plan.Id, product);
        }

        return enabled;
    }

    /// <param name="enabled">The user's final enabled plans, from <see cref="EnabledPlans"/>.</param>
    /// <param name="user">The user the violations name.</param>
    /// <param name="violations">Where every broken rule is added.</param>
    public void Check(UserLicenseState user, IReadOnlyDictionary<Guid, ProductInfo> enabled, List<Violation> violations)
    {
        foreach (var (planId, product) in enabled)
        {
            foreach (var otherId in EnabledExclusionsOf(planId, enabled))
            {
                // Each pair once: only from the plan with the smaller id.
                if (planId.CompareTo(otherId) > 0) continue;
                violations.Add(ViolationMessages.MutuallyExclusive(
                    user, catalog.PlanName(planId), product.DisplayName, catalog.PlanName(otherId), enabled[otherId].DisplayName));
            }

            if (UnmetRequirements(planId, enabled) is { } missing)
                violations.Add(ViolationMessages.MissingDependency(user, catalog.PlanName(planId), product, missing));
        }
    }

    /// <summary>The enabled plans that cannot be enabled together with <paramref name="planId"/>.</summary>
    public IEnumerable<Guid> EnabledExclusionsOf(Guid planId, IReadOnlyDictionary<Guid, ProductInfo> enabled) =>
        catalog.ExclusionsOf(planId).Where(enabled.ContainsKey);

    /// <summary>The names of the alternatives a plan needs when none of them is enabled; null when satisfied.</summary>
    public IReadOnlyList<string>? UnmetRequirements(Guid planId, IReadOnlyDictionary<Guid, ProductInfo> enabled)
    {
        var required = catalog.RequirementsOf(planId);
        if (required.Count == 0 || required.Any(enabled.ContainsKey)) return null;
        return required.Select(catalog.PlanName).Order(StringComparer.Ordinal).ToList();
    }
}
