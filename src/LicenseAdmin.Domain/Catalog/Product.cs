namespace LicenseAdmin.Domain.Catalog;

/// <summary>A sellable license (SKU), e.g. Office 365 E3 = ENTERPRISEPACK. Shared by every tenant.</summary>
public sealed class Product
{
    private readonly List<ProductServicePlan> _plans = [];

    public Product(Guid id, string partNumber, string displayName)
    {
        if (id == Guid.Empty) throw new ArgumentException("A product needs a skuId.", nameof(id));
        ArgumentException.ThrowIfNullOrWhiteSpace(partNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        Id = id;
        PartNumber = partNumber.Trim();
        DisplayName = displayName.Trim();
    }

    /// <summary>Microsoft's skuId (the GUID column of the catalog CSV).</summary>
    public Guid Id { get; private set; }

    /// <summary>Microsoft's part number, the String_Id column (e.g. ENTERPRISEPACK).</summary>
    public string PartNumber { get; private set; }

    public string DisplayName { get; private set; }

    public IReadOnlyList<ProductServicePlan> Plans => _plans;

    public void Rename(string partNumber, string displayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(partNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        PartNumber = partNumber.Trim();
        DisplayName = displayName.Trim();
    }

    public bool Includes(Guid servicePlanId) => _plans.Any(p => p.ServicePlanId == servicePlanId);

    public void Include(Guid servicePlanId)
    {
        if (!Includes(servicePlanId)) _plans.Add(new ProductServicePlan(Id, servicePlanId));
    }
}

/// <summary>The link "product contains service plan".</summary>
public sealed class ProductServicePlan(Guid productId, Guid servicePlanId)
{
    public Guid ProductId { get; private set; } = productId;
    public Guid ServicePlanId { get; private set; } = servicePlanId;
}
