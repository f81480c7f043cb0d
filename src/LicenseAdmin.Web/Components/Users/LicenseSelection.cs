using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Licensing;

namespace LicenseAdmin.Web.Components.Users;

/// <summary>
/// The products switched on in a license pane and, per product, the plans switched off. Starts from a
/// user's current state, so changing one plan never resets the others.
/// </summary>
public sealed class LicenseSelection
{
    private readonly Dictionary<Guid, HashSet<Guid>> _disabledByProduct = new();

    public static LicenseSelection From(IEnumerable<(Guid ProductId, IEnumerable<Guid> DisabledPlanIds)> held)
    {
        var selection = new LicenseSelection();
        foreach (var (productId, disabled) in held) selection._disabledByProduct[productId] = disabled.ToHashSet();
        return selection;
    }

    public bool IsOn(Guid productId) => _disabledByProduct.ContainsKey(productId);

    public void Set(Guid productId, bool on)
    {
        if (on) _disabledByProduct.TryAdd(productId, []);
        else _disabledByProduct.Remove(productId);
    }

    public bool IsPlanOn(Guid productId, Guid planId) =>
        _disabledByProduct.TryGetValue(productId, out var disabled) && !disabled.Contains(planId);

    public void SetPlan(Guid productId, Guid planId, bool on)
    {
        if (!_disabledByProduct.TryGetValue(productId, out var disabled)) return;
        if (on) disabled.Remove(planId);
        else disabled.Add(planId);
    }

    public int Count => _disabledByProduct.Count;

    public IReadOnlyList<ProductLicense> ToLicenses() =>
        _disabledByProduct.Select(p => new ProductLicense(p.Key, p.Value)).ToList();

    /// <summary>Products that were on in <paramref name="original"/> and are off now: removal needs the warning.</summary>
    public IReadOnlyList<Guid> RemovedSince(LicenseSelection original) =>
        original._disabledByProduct.Keys.Where(id => !IsOn(id)).ToList();

    public bool SameAs(LicenseSelection other) =>
        _disabledByProduct.Count == other._disabledByProduct.Count &&
        _disabledByProduct.All(p => other._disabledByProduct.TryGetValue(p.Key, out var plans) && plans.SetEquals(p.Value));

    public string Describe(IReadOnlyList<ProductOption> products) =>
        string.Join(", ", products.Where(p => IsOn(p.Id)).Select(p => p.DisplayName));
}
