using System.Globalization;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Services.Account;
using LicenseAdmin.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LicenseAdmin.Web.Components.Pages;

/// <summary>How My account names a service family and words its provisioning, as the seed's table describes it.</summary>
internal static class ServiceStatusText
{
    public static string Name(IStringLocalizer<Strings> l, ServiceFamily family) => family switch
    {
        ServiceFamily.Exchange => l["Mailbox (Exchange Online)"],
        ServiceFamily.SharePoint => l["SharePoint team site"],
        ServiceFamily.SkypeForBusiness => "Skype for Business",
        ServiceFamily.OfficeApps => l["Office apps"],
        _ => family.ToString(),
    };

    public static string Describe(IStringLocalizer<Strings> l, MyService service) => service.State switch
    {
        null => l["Not in your licenses"],
        ProvisioningState.Provisioned => l["Active"],
        ProvisioningState.Retained => service.DaysLeft == 1
            ? l["Kept 1 day more (until {0:yyyy-MM-dd}), then deleted", service.RetainedUntilUtc!]
            : l["Kept {0} days more (until {1:yyyy-MM-dd}), then deleted", (service.DaysLeft ?? 0).ToString(CultureInfo.InvariantCulture), service.RetainedUntilUtc!],
        ProvisioningState.Removed when service.Family == ServiceFamily.SharePoint => l["Edit permission removed; your documents stay"],
        ProvisioningState.Removed when service.Family == ServiceFamily.OfficeApps => l["Removed: installations show Unlicensed product"],
        ProvisioningState.Removed => l["Removed"],
        ProvisioningState.Purged => l["Deleted for good"],
        _ => service.State.Value.ToString(),
    };

    public static Color Color(MyService service) => service.State switch
    {
        ProvisioningState.Provisioned => MudBlazor.Color.Success,
        ProvisioningState.Retained => MudBlazor.Color.Warning,
        ProvisioningState.Purged => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };
}
