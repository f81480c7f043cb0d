namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>Turns a user's current and final licenses into the exact changes and the provisioning they cause.</summary>
internal sealed class UserPlanBuilder(LicensingCatalog catalog, PlanRules rules)
{
    public UserPlan Unchanged(UserLicenseState user, Assignments current) =>
        new(user.UserId, user.UserPrincipalName, [], [], [], ProvisioningDelta.None) { Final = current.ToLicenses() };

    public UserPlan Build(UserLicenseState user, Assignments current, Assignments final)
    {
        var added = new List<ProductLicense>();
        var changed = new List<DisabledPlansChange>();
        foreach (var (productId, disabled) in final)
        {
            if (!current.TryGetValue(productId, out var before)) added.Add(new ProductLicense(productId, disabled));
            else if (!before.SetEquals(disabled)) changed.Add(new DisabledPlansChange(productId, before, disabled));
        }

        var removed = current.Keys.Where(id => !final.ContainsKey(id)).ToList();
        var plan = new UserPlan(user.UserId, user.UserPrincipalName, added, removed, changed, ProvisioningDelta.None)
        {
            Final = final.ToLicenses(),
        };
        return plan.IsUnchanged ? plan : plan with { Provisioning = ProvisioningOf(current, final) };
    }

    private ProvisioningDelta ProvisioningOf(Assignments current, Assignments final) =>
        ProvisioningEffects.Compare(
            rules.EnabledPlans(current).Keys.Select(catalog.FamilyOf),
            rules.EnabledPlans(final).Keys.Select(catalog.FamilyOf));
}
