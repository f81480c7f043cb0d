using LicenseAdmin.Domain.Catalog;

namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>Service families a user gains or loses; the service retains data of lost ones and reconnects gained ones.</summary>
public sealed record ProvisioningDelta(IReadOnlySet<ServiceFamily> Gained, IReadOnlySet<ServiceFamily> Lost)
{
    public static readonly ProvisioningDelta None = new(new HashSet<ServiceFamily>(), new HashSet<ServiceFamily>());

    public bool IsEmpty => Gained.Count == 0 && Lost.Count == 0;
}

/// <summary>
/// Compares the families a user's enabled plans provision before and after a change. A family counts as long as
/// ANY enabled plan provides it, so moving from E3's Exchange to Business Basic's Exchange loses nothing.
/// <see cref="ServiceFamily.Other"/> provisions nothing and is ignored.
/// </summary>
public static class ProvisioningEffects
{
    public static ProvisioningDelta Compare(IEnumerable<ServicePlanInfo> enabledBefore, IEnumerable<ServicePlanInfo> enabledAfter) =>
        Compare(enabledBefore.Select(p => p.Family), enabledAfter.Select(p => p.Family));

    public static ProvisioningDelta Compare(IEnumerable<ServiceFamily> familiesBefore, IEnumerable<ServiceFamily> familiesAfter)
    {
        var before = Provisioned(familiesBefore);
        var after = Provisioned(familiesAfter);
        if (before.SetEquals(after)) return ProvisioningDelta.None;
        return new ProvisioningDelta(after.Except(before).ToHashSet(), before.Except(after).ToHashSet());
    }

    /// <summary>
    /// The same comparison on bit masks (bit = 1 &lt;&lt; family), which the planner builds without allocating;
    /// sets are only made for the users whose families really change.
    /// </summary>
    internal static ProvisioningDelta Compare(int familiesBefore, int familiesAfter)
    {
        const int otherBit = 1 << (int)ServiceFamily.Other;
        familiesBefore &= ~otherBit;
        familiesAfter &= ~otherBit;
        if (familiesBefore == familiesAfter) return ProvisioningDelta.None;
        return new ProvisioningDelta(FamiliesIn(familiesAfter & ~familiesBefore), FamiliesIn(familiesBefore & ~familiesAfter));
    }

    internal static int Mask(ServiceFamily family) => 1 << (int)family;

    private static HashSet<ServiceFamily> FamiliesIn(int mask) =>
        Enum.GetValues<ServiceFamily>().Where(f => (mask & Mask(f)) != 0).ToHashSet();

    private static HashSet<ServiceFamily> Provisioned(IEnumerable<ServiceFamily> families) =>
        families.Where(f => f != ServiceFamily.Other).ToHashSet();
}
