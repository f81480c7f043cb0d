using System.Globalization;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Services.Account;
using MudBlazor;

namespace LicenseAdmin.Web.Components.Pages;

/// <summary>How My account names a service family and words its provisioning, as the seed's table describes it.</summary>
internal static class ServiceStatusText
{
    public static string Name(ServiceFamily family) => family switch
    {
        ServiceFamily.Exchange => "Mailbox (Exchange Online)",
        ServiceFamily.SharePoint => "SharePoint team site",
        ServiceFamily.SkypeForBusiness => "Skype for Business",
        ServiceFamily.OfficeApps => "Office apps",
        _ => family.ToString(),
    };

    public static string Describe(MyService service) => service.State switch
    {
        null => "Not in your licenses",
        ProvisioningState.Provisioned => "Active",
        ProvisioningState.Retained => $"Kept {DaysText(service.DaysLeft)} more (until {service.RetainedUntilUtc:yyyy-MM-dd}), then deleted",
        ProvisioningState.Removed when service.Family == ServiceFamily.SharePoint => "Edit permission removed; your documents stay",
        ProvisioningState.Removed when service.Family == ServiceFamily.OfficeApps => "Removed: installations show Unlicensed product",
        ProvisioningState.Removed => "Removed",
        ProvisioningState.Purged => "Deleted for good",
        _ => service.State.Value.ToString(),
    };

    public static Color Color(MyService service) => service.State switch
    {
        ProvisioningState.Provisioned => MudBlazor.Color.Success,
        ProvisioningState.Retained => MudBlazor.Color.Warning,
        ProvisioningState.Purged => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    private static string DaysText(int? days) =>
        days == 1 ? "1 day" : $"{(days ?? 0).ToString(CultureInfo.InvariantCulture)} days";
}
