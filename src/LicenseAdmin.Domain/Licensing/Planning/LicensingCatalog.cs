using LicenseAdmin.Domain.Catalog;

namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>A service plan as the planner needs it: its name for messages and its family for provisioning.</summary>
public sealed record ServicePlanInfo(Guid Id, string Name, string FriendlyName, ServiceFamily Family);

/// <summary>A product and the service plans it contains.</summary>
public sealed class ProductInfo
{
    private readonly HashSet<Guid> _planIds;

    public ProductInfo(Guid id, string partNumber, string displayName, IEnumerable<ServicePlanInfo> plans)
    {
        Id = id;
        PartNumber = partNumber;
        DisplayName = displayName;
        Plans = plans.ToList();
        _planIds = Plans.Select(p => p.Id).ToHashSet();
    }

    public Guid Id { get; }
    public string PartNumber { get; }
    public string DisplayName { get; }
    public IReadOnlyList<ServicePlanInfo> Plans { get; }

    public bool Contains(Guid planId) => _planIds.Contains(planId);
}

/// <summary>
/// The catalog rules the planner checks against, indexed once so that planning for many users stays linear:
/// products with their plans, mutually exclusive plan pairs and plan dependencies.
/// </summary>
public sealed class LicensingCatalog
{
    private static readonly IReadOnlyCollection<Guid> None = [];

    private readonly Dictionary<Guid, ProductInfo> _products;
    private readonly Dictionary<Guid, ServicePlanInfo> _plans = [];
    private readonly Dictionary<Guid, HashSet<Guid>> _exclusions = [];
    private readonly Dictionary<Guid, HashSet<Guid>> _requirements = [];

    public LicensingCatalog(
        IEnumerable<ProductInfo> products,
        IEnumerable<ExclusivePlanPair>? exclusivePairs = null,
        IEnumerable<PlanDependency>? dependencies = null)
    {
        _products = products.ToDictionary(p => p.Id);
        foreach (var plan in _products.Values.SelectMany(p => p.Plans)) _plans.TryAdd(plan.Id, plan);

        foreach (var pair in exclusivePairs ?? [])
        {
            AddTo(_exclusions, pair.PlanAId, pair.PlanBId);
            AddTo(_exclusions, pair.PlanBId, pair.PlanAId);
        }

        foreach (var dependency in dependencies ?? []) AddTo(_requirements, dependency.PlanId, dependency.RequiredPlanId);
    }

    public bool TryGetProduct(Guid productId, out ProductInfo product) =>
        _products.TryGetValue(productId, out product!);

    public IEnumerable<ProductInfo> Products => _products.Values;

    /// <summary>The friendly name of a plan for messages; the id when the plan is in no known product.</summary>
    public string PlanName(Guid planId) => _plans.TryGetValue(planId, out var plan) ? plan.FriendlyName : planId.ToString();

    public ServiceFamily FamilyOf(Guid planId) => _plans.TryGetValue(planId, out var plan) ? plan.Family : ServiceFamily.Other;

    /// <summary>Plans that cannot be enabled together with <paramref name="planId"/>.</summary>
    public IReadOnlyCollection<Guid> ExclusionsOf(Guid planId) => _exclusions.TryGetValue(planId, out var set) ? set : None;

    /// <summary>Alternatives: <paramref name="planId"/> is satisfied when ANY of these is enabled. Empty when it needs nothing.</summary>
    public IReadOnlyCollection<Guid> RequirementsOf(Guid planId) => _requirements.TryGetValue(planId, out var set) ? set : None;

    private static void AddTo(Dictionary<Guid, HashSet<Guid>> index, Guid key, Guid value)
    {
        if (!index.TryGetValue(key, out var set)) index[key] = set = [];
        set.Add(value);
    }
}
