namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>Turns a user's current and final licenses into the exact changes and the provisioning they cause.</summary>
internal sealed class UserPlanBuilder(PlanRules rules)
{
    public UserPlan Unchanged(UserLicenseState user, Assignments current) =>
        new(user.UserId, user.UserPrincipalName, [], [], [], ProvisioningDelta.None) { Before = user.Licenses, Final = ToLicenses(current) };

    /// <summary>Builds the user's plan; <paramref name="finalEnabled"/> is handed back so the rules need not compute it again.</summary>
    public UserPlan Build(UserLicenseState user, Assignments current, Assignments final, out Dictionary<Guid, ProductInfo>? finalEnabled)
    {
        finalEnabled = null;
        List<ProductLicense>? added = null;
        List<DisabledPlansChange>? changed = null;
        List<Guid>? removed = null;
        foreach (var (productId, disabled) in final)
        {
            if (!current.TryGetValue(productId, out var before)) (added ??= []).Add(new ProductLicense(productId, disabled));
            else if (!ReferenceEquals(before, disabled) && !before.SetEquals(disabled)) (changed ??= []).Add(new DisabledPlansChange(productId, before, disabled));
        }

        foreach (var productId in current.Keys)
            if (!final.ContainsKey(productId)) (removed ??= []).Add(productId);

        var plan = new UserPlan(user.UserId, user.UserPrincipalName, added ?? [], removed ?? [], changed ?? [], ProvisioningDelta.None)
        {
            Before = user.Licenses,
            Final = ToLicenses(final),
        };
        if (plan.IsUnchanged) return plan;

        finalEnabled = rules.EnabledPlans(final);
        return plan with { Provisioning = ProvisioningEffects.Compare(FamilyMask(current), FamilyMask(final)) };
    }

    private int FamilyMask(Assignments assignments)
    {
        var mask = 0;
        foreach (var (productId, disabled) in assignments)
        {
            if (!rules.TryGetProduct(productId, out var product)) continue;
            foreach (var plan in product.Plans)
                if (!disabled.Contains(plan.Id)) mask |= ProvisioningEffects.Mask(plan.Family);
        }

        return mask;
    }

    private static List<ProductLicense> ToLicenses(Assignments assignments)
    {
        var licenses = new List<ProductLicense>(assignments.Count);
        foreach (var (productId, disabled) in assignments) licenses.Add(new ProductLicense(productId, disabled));
        return licenses;
    }
}
