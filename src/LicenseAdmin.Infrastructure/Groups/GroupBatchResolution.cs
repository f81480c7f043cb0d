using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Licensing;

namespace LicenseAdmin.Infrastructure.Groups;

/// <summary>One live member of the batch, what they start from and what the resolver gave them.</summary>
internal sealed record ResolvedMember(UserLicenseState User, MemberSources Sources, MemberResolution Result);

/// <summary>
/// What a batch comes to: each member resolved in user order by the Domain's <see cref="GroupLicenseResolver"/> on the
/// seats as they stand, including what earlier members of the batch took; the error state every membership should
/// stand in; and where each resulting license comes from. No I/O: the processor writes it.
/// </summary>
internal sealed class GroupBatchResolution
{
    private readonly Dictionary<Guid, ResolvedMember> _byUser = [];

    /// <summary>The licenses each live member ends with, for the planner.</summary>
    public List<UserLicenses> Targets { get; } = [];

    public List<ResolvedMember> Members { get; } = [];

    /// <summary>The error state and sentence each membership should have (null when the group's products were given).</summary>
    public Dictionary<(Guid GroupId, Guid UserId), (GroupLicenseError? Error, string? Detail)> Errors { get; } = [];

    public static GroupBatchResolution Resolve(LicensingCatalog catalog, GroupBatch batch)
    {
        var resolution = new GroupBatchResolution();
        var resolver = new GroupLicenseResolver(catalog);
        var running = batch.Seats.ToDictionary(s => s.ProductId);
        foreach (var user in batch.Users)
        {
            var mine = batch.Memberships[user.UserId].ToList();
            if (user.IsDeleted)
            {
                // A deleted user holds nothing, so no error stands for them; the memberships stay for a restore.
                foreach (var membership in mine) resolution.Errors[(membership.GroupId, membership.UserId)] = (null, null);
                continue;
            }
            var direct = batch.HeldBy(user.UserId).Where(a => a.IsDirect)
                .ToDictionary(a => a.ProductId, a => (IReadOnlySet<Guid>)(a.DirectDisabledPlanIds ?? a.DisabledPlanIds).ToHashSet());
            var sources = new MemberSources(user, direct, mine.Where(m => batch.Grants.ContainsKey(m.GroupId)).Select(m => batch.Grants[m.GroupId]).ToList());
            var result = resolver.Resolve(sources, running.Values);
            foreach (var outcome in result.Groups)
                resolution.Errors[(outcome.GroupId, user.UserId)] = (outcome.Error, GroupMember.StoredDetail(outcome.Reason?.ToString()));
            Move(running, user.Licenses, result.Final);
            resolution.Targets.Add(new UserLicenses(user.UserId, result.Final));
            var member = new ResolvedMember(user, sources, result);
            resolution.Members.Add(member);
            resolution._byUser[user.UserId] = member;
        }
        return resolution;
    }

    /// <summary>Where a member's license of a product comes from once the batch is written; null for a user not resolved.</summary>
    public AssignmentSource? SourceOf(Guid userId, Guid productId) =>
        _byUser.TryGetValue(userId, out var member) ? SourceOf(member, productId) : null;

    /// <summary>
    /// Direct when an admin gave it (whatever groups also give); a license that is direct and inherited keeps the direct
    /// part's own plans, so the user falls back to them when the groups go.
    /// </summary>
    public static AssignmentSource SourceOf(ResolvedMember member, Guid productId)
    {
        var isDirect = member.Sources.Direct.TryGetValue(productId, out var directDisabled);
        return new AssignmentSource(isDirect, isDirect && member.Result.InheritedFrom.ContainsKey(productId) ? directDisabled!.Order().ToList() : null);
    }

    /// <summary>Counts what a user's new licenses take and give back, so the next user of the batch sees the seats left.</summary>
    private static void Move(Dictionary<Guid, ProductSeatState> seats, IReadOnlyList<ProductLicense> before, IReadOnlyList<ProductLicense> after)
    {
        var had = before.Select(l => l.ProductId).ToHashSet();
        var has = after.Select(l => l.ProductId).ToHashSet();
        foreach (var added in has.Except(had))
            if (seats.TryGetValue(added, out var s)) seats[added] = s with { AssignedSeats = s.AssignedSeats + 1 };
        foreach (var removed in had.Except(has))
            if (seats.TryGetValue(removed, out var s)) seats[removed] = s with { AssignedSeats = s.AssignedSeats - 1 };
    }
}
