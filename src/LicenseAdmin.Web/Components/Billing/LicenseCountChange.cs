namespace LicenseAdmin.Web.Components.Billing;

/// <summary>Which way a billing dialog moves a product's number of licenses.</summary>
public enum LicenseCountChange
{
    Buy,
    Remove,
}
