namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>
/// Plans a restore of deleted users. Unlike the other kinds it is not all-or-nothing: every user comes back,
/// with each product they had only where it is subscribed, a seat is free and its plan rules hold. Seats go
/// to users in the order given. The rest is listed per user in <see cref="UserPlan.NotRestored"/>.
/// A restored user is no longer deleted, so the deleted-user rule does not apply.
/// </summary>
/// <remarks>
/// The rules are the planner's: subscription state (<see cref="ProductSeatState.AssignmentBlocker"/>), usage
/// location, plan exclusions and dependencies (<see cref="PlanRules"/>) and seats (<see cref="SeatLedger"/>); only
/// the outcome differs, a product left out instead of a refused change.
/// </remarks>
internal sealed class RestorePlanner(LicensingCatalog catalog, LicensingState state, PlanRules rules)
{
    private readonly SeatLedger _seats = new(catalog, state);

    public LicensePlan Plan(RestoreUsers restore)
    {
        var violations = new List<Violation>();
        if (restore.Users.Count == 0) violations.Add(ViolationMessages.NoUsers());

        var builder = new UserPlanBuilder(rules);
        var users = new List<UserPlan>(restore.Users.Count);
        var seen = new HashSet<Guid>();

        foreach (var request in restore.Users)
        {
            if (!seen.Add(request.UserId)) continue;
            if (!state.TryGetUser(request.UserId, out var user))
            {
                violations.Add(ViolationMessages.UserNotFound(request.UserId));
                continue;
            }

            var current = Assignments.From(user.Licenses);
            if (!user.IsDeleted)
            {
                violations.Add(ViolationMessages.UserNotDeleted(user));
                users.Add(builder.Unchanged(user, current));
                continue;
            }

            var notRestored = new List<Violation>();
            var final = RestoreOne(user, current, request.Licenses, notRestored);
            // The seats of the products added were taken from the ledger while choosing them.
            users.Add(builder.Build(user, current, final, out _) with { NotRestored = notRestored });
        }

        return new LicensePlan(users, _seats.Demand(), violations);
    }

    private Assignments RestoreOne(UserLicenseState user, Assignments current, IEnumerable<ProductLicense> previous, List<Violation> notRestored)
    {
        var candidates = Eligible(user, current, previous, notRestored);
        DropConflicts(user, current, candidates, notRestored);
        DropUnmetDependencies(user, current, candidates, notRestored, releaseSeat: false);
        TakeSeats(user, candidates, notRestored);
        // A product dropped for lack of a seat may have been what another restored product depends on.
        DropUnmetDependencies(user, current, candidates, notRestored, releaseSeat: true);

        var final = current.Copy();
        foreach (var (product, disabled) in candidates) final[product.Id] = disabled;
        return final;
    }

    private List<(ProductInfo Product, IReadOnlySet<Guid> Disabled)> Eligible(
        UserLicenseState user, Assignments current, IEnumerable<ProductLicense> previous, List<Violation> notRestored)
    {
        var eligible = new List<(ProductInfo, IReadOnlySet<Guid>)>();
        foreach (var license in previous)
        {
            if (current.ContainsKey(license.ProductId) || eligible.Any(e => e.Item1.Id == license.ProductId)) continue;
            if (!catalog.TryGetProduct(license.ProductId, out var product))
            {
                notRestored.Add(ViolationMessages.NotRestored(user, license.ProductId, license.ProductId.ToString(),
                    ViolationCode.UnknownProduct, ViolationMessages.NoLongerInCatalog()));
                continue;
            }

            var why = Refusal(user, state.SeatsOf(product.Id));
            if (why is not null)
            {
                notRestored.Add(ViolationMessages.NotRestored(user, product.Id, product.DisplayName, why.Value.Code, why.Value.Reason));
                continue;
            }

            // Plans the catalog no longer lists in the product cannot be turned off; keep only the ones it has.
            eligible.Add((product, license.DisabledPlanIds.Where(product.Contains).ToHashSet()));
        }

        return eligible;
    }

    private static (ViolationCode Code, DomainMessage Reason)? Refusal(UserLicenseState user, ProductSeatState seats) =>
        seats.AssignmentBlocker switch
        {
            ViolationCode.ProductNotSubscribed => (ViolationCode.ProductNotSubscribed, ViolationMessages.NoSubscriptionForIt()),
            ViolationCode.SubscriptionSuspended => (ViolationCode.SubscriptionSuspended, ViolationMessages.ItsSubscriptionIsSuspended()),
            _ when !user.HasUsageLocation => (ViolationCode.UsageLocationRequired, ViolationMessages.NoUsageLocation()),
            _ => null,
        };

    /// <summary>Keeps products in the order given; a product whose plans clash with what is already kept is dropped.</summary>
    private void DropConflicts(UserLicenseState user, Assignments current, List<(ProductInfo Product, IReadOnlySet<Guid> Disabled)> candidates, List<Violation> notRestored)
    {
        var kept = current.Copy();
        foreach (var candidate in candidates.ToList())
        {
            var enabledSoFar = rules.EnabledPlans(kept);
            var clash = candidate.Product.Plans
                .Where(p => !candidate.Disabled.Contains(p.Id))
                .SelectMany(p => rules.EnabledExclusionsOf(p.Id, enabledSoFar).Select(other => (Plan: p.Id, Other: other)))
                .FirstOrDefault();
            if (clash == default)
            {
                kept[candidate.Product.Id] = candidate.Disabled;
                continue;
            }

            candidates.Remove(candidate);
            notRestored.Add(ViolationMessages.NotRestored(user, candidate.Product.Id, candidate.Product.DisplayName,
                ViolationCode.MutuallyExclusiveViolation,
                ViolationMessages.CannotBeEnabledWith(catalog.PlanName(clash.Plan), catalog.PlanName(clash.Other), enabledSoFar[clash.Other].DisplayName)));
        }
    }

    /// <summary>Drops restored products with a plan whose requirement is missing, until none is left.</summary>
    private void DropUnmetDependencies(UserLicenseState user, Assignments current, List<(ProductInfo Product, IReadOnlySet<Guid> Disabled)> candidates, List<Violation> notRestored, bool releaseSeat)
    {
        while (true)
        {
            var final = current.Copy();
            foreach (var (product, disabled) in candidates) final[product.Id] = disabled;
            var enabled = rules.EnabledPlans(final);

            var broken = candidates
                .SelectMany(c => c.Product.Plans.Where(p => !c.Disabled.Contains(p.Id))
                    .Select(p => (Candidate: c, Plan: p, Missing: rules.UnmetRequirements(p.Id, enabled))))
                .FirstOrDefault(x => x.Missing is not null);
            if (broken.Missing is null) return;

            candidates.Remove(broken.Candidate);
            if (releaseSeat) _seats.Untake(broken.Candidate.Product.Id);
            notRestored.Add(ViolationMessages.NotRestored(user, broken.Candidate.Product.Id, broken.Candidate.Product.DisplayName,
                ViolationCode.DependencyViolation, ViolationMessages.Needs(broken.Plan.FriendlyName, broken.Missing)));
        }
    }

    private void TakeSeats(UserLicenseState user, List<(ProductInfo Product, IReadOnlySet<Guid> Disabled)> candidates, List<Violation> notRestored)
    {
        foreach (var candidate in candidates.ToList())
        {
            if (_seats.TryTake(candidate.Product.Id)) continue;
            candidates.Remove(candidate);
            notRestored.Add(ViolationMessages.NotRestored(user, candidate.Product.Id, candidate.Product.DisplayName,
                ViolationCode.CountViolation, ViolationMessages.NoSeatFree()));
        }
    }
}
