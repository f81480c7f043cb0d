namespace LicenseAdmin.Domain.Catalog;

/// <summary>
/// Maps Microsoft's service plan names to the service family that is provisioned.
/// Only plans that really provision a mailbox, a SharePoint site permission, Skype features or
/// Office desktop installs are classified; helpers such as EXCHANGE_S_FOUNDATION (no mailbox) or
/// SHAREPOINTWAC (Office for the web) are <see cref="ServiceFamily.Other"/>.
/// </summary>
public static class ServiceFamilyClassifier
{
    private static readonly HashSet<string> ExchangeMailboxPlans = new(StringComparer.OrdinalIgnoreCase)
    {
        "EXCHANGE_S_STANDARD", "EXCHANGE_S_ENTERPRISE", "EXCHANGE_S_DESKLESS", "EXCHANGE_L_STANDARD",
        "EXCHANGE_S_STANDARD_MIDMARKET", "EXCHANGE_B_STANDARD", "EXCHANGE_S_ESSENTIALS",
    };

    private static readonly HashSet<string> SharePointPlans = new(StringComparer.OrdinalIgnoreCase)
    {
        "SHAREPOINTENTERPRISE", "SHAREPOINTSTANDARD", "SHAREPOINTLITE", "SHAREPOINTDESKLESS",
        "SHAREPOINTENTERPRISE_MIDMARKET", "SHAREPOINT_S_DEVELOPER",
    };

    private static readonly HashSet<string> SkypePlans = new(StringComparer.OrdinalIgnoreCase)
    {
        "MCOSTANDARD", "MCOLITE", "MCOIMP", "MCOSTANDARD_MIDMARKET", "MCO_TEAMS_IW",
    };

    private static readonly HashSet<string> OfficeAppsPlans = new(StringComparer.OrdinalIgnoreCase)
    {
        "OFFICESUBSCRIPTION", "OFFICE_BUSINESS", "OFFICE_PRO_PLUS_SUBSCRIPTION_SMBIZ",
        "OFFICE_PROPLUS_DEVICE", "OFFICESUBSCRIPTION_STUDENT",
    };

    public static ServiceFamily Classify(string servicePlanName)
    {
        if (ExchangeMailboxPlans.Contains(servicePlanName)) return ServiceFamily.Exchange;
        if (SharePointPlans.Contains(servicePlanName)) return ServiceFamily.SharePoint;
        if (SkypePlans.Contains(servicePlanName)) return ServiceFamily.SkypeForBusiness;
        if (OfficeAppsPlans.Contains(servicePlanName)) return ServiceFamily.OfficeApps;
        return ServiceFamily.Other;
    }
}
