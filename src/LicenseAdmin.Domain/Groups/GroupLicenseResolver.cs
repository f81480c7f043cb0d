using LicenseAdmin.Domain.Licensing.Planning;

namespace LicenseAdmin.Domain.Groups;

/// <summary>A group as one member's licenses see it: the products it gives, with their disabled plans.</summary>
public sealed record GroupGrant(Guid GroupId, string DisplayName, IReadOnlyList<ProductLicense> Licenses);

/// <summary>
/// One user to resolve: the licenses they hold now (one per product), the direct part of them (product -> the direct
/// assignment's disabled plans) and every group they are a member of (none for a leaver of their last group).
/// </summary>
public sealed record MemberSources(UserLicenseState User, IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> Direct, IReadOnlyList<GroupGrant> Groups);

/// <summary>What one group gave one member: nothing and an error, or its products.</summary>
public sealed record GroupOutcome(Guid GroupId, GroupLicenseError? Error, DomainMessage? Reason)
{
    public bool Given => Error is null;
}

/// <summary>
/// The licenses a member ends with: one per product, the union of the enabled plans of its sources, and for each product
/// the groups it is inherited from (empty when it is direct only).
/// </summary>
public sealed record MemberResolution(
    IReadOnlyList<ProductLicense> Final,
    IReadOnlyList<GroupOutcome> Groups,
    IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> InheritedFrom)
{
    public bool IsDirect(Guid productId, MemberSources sources) => sources.Direct.ContainsKey(productId);
}

/// <summary>
/// Group-based licensing for one member (docs/product-rules.md, "Groups"), with the same planner and rules as a direct
/// change. The direct licenses come first; then each group in id order adds its products on top, all or nothing: if
/// one product of a group cannot be given (no seat, a plan conflict, a missing dependency, no usage location, no live
/// subscription) none of that group's products are, and the member gets that group's error state with the planner's
/// sentences. A product held directly and from groups, or from several groups, is one license and one seat; its enabled
/// plans are the union of theirs. A product no source gives any more is removed (a leaver), with the same retention of
/// data as any removal.
/// </summary>
public sealed class GroupLicenseResolver(LicensingCatalog catalog)
{
    private readonly LicensePlanner _planner = new(catalog);

    /// <param name="member">The user, their direct licenses and their groups.</param>
    /// <param name="seats">The tenant's seats as they stand now, including what earlier members of the same batch took.</param>
    public MemberResolution Resolve(MemberSources member, IEnumerable<ProductSeatState> seats)
    {
        var seatList = seats.ToList();
        var current = member.User.Licenses.ToDictionary(l => l.ProductId, l => l.DisabledPlanIds);
        if (member.User.IsDeleted)
            return new MemberResolution(member.User.Licenses, member.Groups.Select(g => new GroupOutcome(g.GroupId, null, null)).ToList(),
                new Dictionary<Guid, IReadOnlyList<Guid>>());

        var accepted = new Dictionary<Guid, IReadOnlySet<Guid>>(member.Direct);
        var inherited = new Dictionary<Guid, List<Guid>>();
        var outcomes = new List<GroupOutcome>();
        foreach (var group in member.Groups.OrderBy(g => g.GroupId))
        {
            if (group.Licenses.Count == 0)
            {
                outcomes.Add(new GroupOutcome(group.GroupId, null, null));
                continue;
            }

            var tentative = Union(accepted, group.Licenses);
            var violations = Check(member.User, seatList, tentative);
            if (violations.Count > 0)
            {
                var error = ErrorOf(violations);
                // The sentences of the error's own kind say why; the rest would follow from it.
                var reasons = violations.Where(v => ErrorOf([v]) == error).DefaultIfEmpty(violations[0]).Select(v => v.Reason);
                outcomes.Add(new GroupOutcome(group.GroupId, error, DomainMessage.Join(" ", reasons)));
                continue;
            }

            accepted = tentative;
            foreach (var license in group.Licenses)
            {
                if (!inherited.TryGetValue(license.ProductId, out var groups)) inherited[license.ProductId] = groups = [];
                groups.Add(group.GroupId);
            }
            outcomes.Add(new GroupOutcome(group.GroupId, null, null));
        }

        // Products in the order the user holds them, then new ones: a stable order for the audit log.
        var order = current.Keys.Where(accepted.ContainsKey).Concat(accepted.Keys.Where(p => !current.ContainsKey(p)));
        var final = order.Select(p => new ProductLicense(p, accepted[p])).ToList();
        return new MemberResolution(final, outcomes, inherited.ToDictionary(i => i.Key, i => (IReadOnlyList<Guid>)i.Value));
    }

    /// <summary>
    /// The error state for a group's refusal: seats first, then a product without a live subscription (Other), then the
    /// plan rules, then the usage location; anything else is Other.
    /// </summary>
    public static GroupLicenseError ErrorOf(IReadOnlyCollection<Violation> violations)
    {
        var codes = violations.Select(v => v.Code).ToHashSet();
        if (codes.Contains(ViolationCode.CountViolation)) return GroupLicenseError.CountViolation;
        // A product nobody can have is the reason, whatever its plans would have needed.
        if (codes.Contains(ViolationCode.ProductNotSubscribed) || codes.Contains(ViolationCode.SubscriptionSuspended)) return GroupLicenseError.Other;
        if (codes.Contains(ViolationCode.MutuallyExclusiveViolation)) return GroupLicenseError.MutuallyExclusiveViolation;
        if (codes.Contains(ViolationCode.DependencyViolation)) return GroupLicenseError.DependencyViolation;
        if (codes.Contains(ViolationCode.UsageLocationRequired)) return GroupLicenseError.ProhibitedInUsageLocationViolation;
        return GroupLicenseError.Other;
    }

    /// <summary>Everything that would stop this user from ending with exactly <paramref name="licenses"/>.</summary>
    private IReadOnlyList<Violation> Check(UserLicenseState user, IReadOnlyList<ProductSeatState> seats, Dictionary<Guid, IReadOnlySet<Guid>> licenses)
    {
        var state = new LicensingState(seats, [user]);
        var final = licenses.Select(l => new ProductLicense(l.Key, l.Value)).ToList();
        var plan = _planner.Plan(state, new UndoBulkChange([new UserLicenses(user.UserId, final)]));
        // A product nobody can have (no live subscription) also has no seats; its count is not the reason.
        var blocked = plan.Violations.Where(v => v.Code is ViolationCode.ProductNotSubscribed or ViolationCode.SubscriptionSuspended)
            .Select(v => v.ProductId).ToHashSet();
        return plan.Violations.Where(v => !(v.Code == ViolationCode.CountViolation && blocked.Contains(v.ProductId))).ToList();
    }

    /// <summary>
    /// The licenses with a group's products added: a product already there keeps only the plans both turn off (the
    /// union of the enabled plans).
    /// </summary>
    public static Dictionary<Guid, IReadOnlySet<Guid>> Union(IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> licenses, IEnumerable<ProductLicense> added)
    {
        var result = new Dictionary<Guid, IReadOnlySet<Guid>>(licenses);
        foreach (var license in added)
        {
            result[license.ProductId] = result.TryGetValue(license.ProductId, out var disabled)
                ? disabled.Where(license.DisabledPlanIds.Contains).ToHashSet()
                : license.DisabledPlanIds;
        }
        return result;
    }
}
