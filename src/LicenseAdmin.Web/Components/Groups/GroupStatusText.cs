using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Web.Localization;
using Microsoft.Extensions.Localization;

namespace LicenseAdmin.Web.Components.Groups;

/// <summary>How the portal names a group's processing status and a member's license error, in the admin's language.</summary>
public static class GroupStatusText
{
    public static string Status(IStringLocalizer<Strings> l, GroupProcessingState state, int membersWithErrors) => state switch
    {
        GroupProcessingState.Queued => l["Queued"],
        GroupProcessingState.InProgress => l["In progress"],
        _ when membersWithErrors > 0 => l["Done, with errors"],
        _ => l["Done"],
    };

    /// <summary>The error code is Entra's (the same in every language), followed by what it means.</summary>
    public static string Error(IStringLocalizer<Strings> l, GroupLicenseError error) => error switch
    {
        GroupLicenseError.CountViolation => l["CountViolation: not enough licenses are available."],
        GroupLicenseError.MutuallyExclusiveViolation => l["MutuallyExclusiveViolation: a service plan cannot be enabled together with one the user already has."],
        GroupLicenseError.DependencyViolation => l["DependencyViolation: a service plan needs another plan that is off or not licensed."],
        GroupLicenseError.ProhibitedInUsageLocationViolation => l["ProhibitedInUsageLocationViolation: the user has no usage location."],
        _ => l["Other: the product cannot be assigned, e.g. it has no active subscription."],
    };
}
