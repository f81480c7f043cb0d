using LicenseAdmin.Domain.Groups;

namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>
/// The pure licensing planner: given the catalog rules, the tenant's seats and users and a requested change,
/// it returns the exact changes per user, the seat demand per product and EVERY violation. It does no I/O:
/// the preview is its answer and a commit writes <see cref="UserPlan.Final"/> for the changed users.
/// </summary>
/// <remarks>
/// <para>All kinds except <see cref="RestoreUsers"/> are all-or-nothing: any violation makes the plan invalid.</para>
/// <para>Plan rules (mutual exclusion, dependencies) are checked on each user's final enabled plans, but only for
/// users whose licenses change: a pre-existing conflict of an untouched user does not block a bulk change,
/// while a changed user must end in a state that obeys every rule, including conflicts they already had.</para>
/// <para>Subscription rules (not subscribed, suspended) apply to products the change adds or whose plans it
/// changes; removing a product is always allowed. A usage location is needed only by users who gain a product.</para>
/// <para>Everything is indexed with dictionaries and hash sets, so 100,000 users plan in linear time.</para>
/// </remarks>
public sealed class LicensePlanner(LicensingCatalog catalog)
{
    private readonly PlanRules _rules = new(catalog);

    public LicensePlan Plan(LicensingState state, LicenseChange change) => Plan(state, change, Inheritance.None);

    /// <summary>
    /// A direct change of users who may also hold licenses from groups: <paramref name="inheritance"/> says which, and
    /// <see cref="InheritedLicenseRule"/> keeps those parts (or refuses to touch them) before each user's plan is built.
    /// </summary>
    public LicensePlan Plan(LicensingState state, LicenseChange change, Inheritance inheritance) => change switch
    {
        RestoreUsers restore => new RestorePlanner(catalog, state, _rules).Plan(restore),
        _ => PlanAllOrNothing(state, change, inheritance),
    };

    private LicensePlan PlanAllOrNothing(LicensingState state, LicenseChange change, Inheritance inheritance)
    {
        var violations = new List<Violation>();
        var targets = new TargetRules(new SelectionValidator(catalog, violations), violations).For(change);
        if (targets.UserIds.Count == 0) violations.Add(ViolationMessages.NoUsers());

        var builder = new UserPlanBuilder(_rules);
        var seats = new SeatLedger(catalog, state);
        var touchedProducts = new HashSet<Guid>();
        var users = new List<UserPlan>(targets.UserIds.Count);
        var seen = new HashSet<Guid>();

        foreach (var userId in targets.UserIds)
        {
            if (!seen.Add(userId)) continue;
            if (!state.TryGetUser(userId, out var user))
            {
                violations.Add(ViolationMessages.UserNotFound(userId));
                continue;
            }

            var current = Assignments.From(user.Licenses);
            if (user.IsDeleted)
            {
                violations.Add(ViolationMessages.UserDeleted(user));
                users.Add(builder.Unchanged(user, current));
                continue;
            }

            var final = targets.FinalOf(user, current);
            IReadOnlyList<KeptLicense> kept = [];
            if (final is not null && inheritance.Of(userId) is { } inherited)
                final = Assignments.Of(InheritedLicenseRule.Apply(user, current, final, inherited, catalog, violations, out kept));
            Dictionary<Guid, ProductInfo>? finalEnabled = null;
            var plan = final is null ? builder.Unchanged(user, current) : builder.Build(user, current, final, out finalEnabled);
            if (kept.Count > 0)
            {
                plan = plan with { DirectRemoved = kept };
                finalEnabled ??= _rules.EnabledPlans(final!);
            }
            users.Add(plan);
            if (plan.IsUnchanged) continue;

            foreach (var added in plan.Added)
            {
                seats.Take(added.ProductId);
                touchedProducts.Add(added.ProductId);
            }

            foreach (var removed in plan.Removed) seats.Release(removed);
            foreach (var changed in plan.Changed) touchedProducts.Add(changed.ProductId);

            if (plan.Added.Count > 0 && !user.HasUsageLocation)
                violations.Add(ViolationMessages.UsageLocationRequired(user));
            _rules.Check(user, finalEnabled!, violations);
        }

        AddSubscriptionViolations(state, touchedProducts, violations);
        violations.AddRange(seats.Shortages());
        return new LicensePlan(users, seats.Demand(), violations);
    }

    private void AddSubscriptionViolations(LicensingState state, IEnumerable<Guid> products, List<Violation> violations)
    {
        foreach (var productId in products)
        {
            if (!catalog.TryGetProduct(productId, out var product)) continue;
            switch (state.SeatsOf(productId).AssignmentBlocker)
            {
                case ViolationCode.ProductNotSubscribed: violations.Add(ViolationMessages.NotSubscribed(product)); break;
                case ViolationCode.SubscriptionSuspended: violations.Add(ViolationMessages.Suspended(product)); break;
            }
        }
    }
}
