namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>
/// Translates each all-or-nothing change kind into the users it names and each user's final licenses.
/// The requested products are validated once here, not once per user.
/// </summary>
internal sealed class TargetRules(SelectionValidator validator, List<Violation> violations)
{
    /// <summary>The final licenses of a user, or null when the change leaves the user as they are.</summary>
    public delegate Assignments? FinalLicenses(UserLicenseState user, Assignments current);

    public sealed record Targets(IReadOnlyList<Guid> UserIds, FinalLicenses FinalOf);

    public Targets For(LicenseChange change) => change switch
    {
        AssignLicense c => AddOrUpdate(c.UserIds, [c.License]),
        AddToExistingLicenses c => AddOrUpdate(c.UserIds, RequireProducts(c.Licenses)),
        ChangeDisabledPlans c => ChangePlans(c),
        RemoveLicense c => Remove(c),
        AddAndRemoveLicenses c => AddAndRemove(c),
        ReplaceLicenses c => Replace(c),
        RemoveAllLicenses c => new Targets(c.UserIds, (_, _) => new Assignments()),
        UndoBulkChange c => Undo(c),
        _ => throw new ArgumentException($"The planner does not know the change {change.GetType().Name}.", nameof(change)),
    };

    private Targets AddOrUpdate(IReadOnlyList<Guid> userIds, IReadOnlyList<ProductLicense> licenses)
    {
        var accepted = validator.Accept(licenses);
        return new Targets(userIds, (_, current) =>
        {
            var final = current.Copy();
            foreach (var (product, license) in accepted) final[product.Id] = license.DisabledPlanIds;
            return final;
        });
    }

    private Targets ChangePlans(ChangeDisabledPlans change)
    {
        var accepted = validator.Accept([change.License]);
        return new Targets(change.UserIds, (user, current) =>
        {
            if (accepted.Count == 0) return null;
            var (product, license) = accepted[0];
            if (!current.ContainsKey(product.Id))
            {
                violations.Add(ViolationMessages.NotAssigned(user, product));
                return null;
            }

            var final = current.Copy();
            final[product.Id] = license.DisabledPlanIds;
            return final;
        });
    }

    private Targets Remove(RemoveLicense change)
    {
        var product = validator.Known(change.ProductId);
        return new Targets(change.UserIds, (user, current) =>
        {
            if (product is null) return null;
            if (!current.ContainsKey(product.Id))
            {
                violations.Add(ViolationMessages.NotAssigned(user, product));
                return null;
            }

            var final = new Assignments();
            foreach (var (productId, disabled) in current)
                if (productId != product.Id) final[productId] = disabled;
            return final;
        });
    }

    private Targets AddAndRemove(AddAndRemoveLicenses change)
    {
        var added = validator.Accept(change.Add);
        var removed = change.Remove.Distinct().Select(validator.Known).OfType<ProductInfo>().ToList();
        return new Targets(change.UserIds, (user, current) =>
        {
            var final = current.Copy();
            foreach (var product in removed)
            {
                if (!final.Remove(product.Id)) violations.Add(ViolationMessages.NotAssigned(user, product));
            }

            foreach (var (product, license) in added) final[product.Id] = license.DisabledPlanIds;
            return final;
        });
    }

    private Targets Replace(ReplaceLicenses change)
    {
        var accepted = validator.Accept(RequireProducts(change.Licenses));
        return new Targets(change.UserIds, (_, _) => Exactly(accepted));
    }

    private Targets Undo(UndoBulkChange change)
    {
        var byUser = new Dictionary<Guid, List<(ProductInfo, ProductLicense)>>();
        foreach (var user in change.Users) byUser.TryAdd(user.UserId, validator.Accept(user.Licenses));
        return new Targets(change.Users.Select(u => u.UserId).ToList(), (user, _) => Exactly(byUser[user.UserId]));
    }

    private IReadOnlyList<ProductLicense> RequireProducts(IReadOnlyList<ProductLicense> licenses)
    {
        if (licenses.Count == 0) violations.Add(ViolationMessages.NoProducts());
        return licenses;
    }

    private static Assignments Exactly(IEnumerable<(ProductInfo Product, ProductLicense License)> licenses)
    {
        var final = new Assignments();
        foreach (var (product, license) in licenses) final[product.Id] = license.DisabledPlanIds;
        return final;
    }
}
