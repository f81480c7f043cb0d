namespace LicenseAdmin.Domain.Catalog;

/// <summary>
/// A service plan that needs another enabled plan (DependencyViolation). There is one row per
/// alternative: a plan with several rows is satisfied when ANY of its required plans is enabled.
/// </summary>
public sealed class PlanDependency(Guid planId, Guid requiredPlanId, string source)
{
    public Guid PlanId { get; private set; } = planId;
    public Guid RequiredPlanId { get; private set; } = requiredPlanId;
    public string Source { get; private set; } = source ?? string.Empty;
}
