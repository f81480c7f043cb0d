namespace LicenseAdmin.Domain.Catalog;

/// <summary>Two service plans that cannot both be enabled for one user (MutuallyExclusiveViolation).</summary>
public sealed class ExclusivePlanPair
{
    public ExclusivePlanPair(Guid planAId, Guid planBId, string source)
    {
        if (planAId == planBId) throw new ArgumentException("A plan cannot exclude itself.");
        // Stored in a canonical order so the pair (A,B) and (B,A) is one row.
        (PlanAId, PlanBId) = planAId.CompareTo(planBId) < 0 ? (planAId, planBId) : (planBId, planAId);
        Source = source ?? string.Empty;
    }

    public Guid PlanAId { get; private set; }
    public Guid PlanBId { get; private set; }
    public string Source { get; private set; }
}
