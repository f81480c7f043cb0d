using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Web.Localization;
using Microsoft.Extensions.Localization;

namespace LicenseAdmin.Web.Components.Licenses;

/// <summary>How the Licenses, Billing and Home pages name a subscription's status, as the admin center does.</summary>
internal static class SubscriptionStatusText
{
    public static string Name(IStringLocalizer<Strings> l, SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Enabled => l["Enabled"],
        SubscriptionStatus.Warning => l["Warning"],
        SubscriptionStatus.Suspended => l["Suspended"],
        SubscriptionStatus.Deleted => l["Deleted"],
        SubscriptionStatus.LockedOut => l["Locked out"],
        _ => status.ToString(),
    };
}
