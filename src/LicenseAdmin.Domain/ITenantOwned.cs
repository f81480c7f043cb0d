namespace LicenseAdmin.Domain;

/// <summary>Every row except the product catalog belongs to exactly one tenant.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
