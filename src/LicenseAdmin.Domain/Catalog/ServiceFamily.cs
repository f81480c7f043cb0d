namespace LicenseAdmin.Domain.Catalog;

/// <summary>Decides what a service plan provisions for a user (docs/product-rules.md, "What a license provisions").</summary>
public enum ServiceFamily
{
    Other = 0,
    Exchange = 1,
    SharePoint = 2,
    SkypeForBusiness = 3,
    OfficeApps = 4,
}
