using LicenseAdmin.Domain.Users;
using LicenseAdmin.Web.Localization;
using Microsoft.Extensions.Localization;

namespace LicenseAdmin.Web.Components.Users;

/// <summary>How the grid's status chips and the user panel name a kind of user.</summary>
internal static class UserKindText
{
    public static string Name(IStringLocalizer<Strings> l, UserKind kind) => kind switch
    {
        UserKind.SharedMailbox => l["Shared mailbox"],
        UserKind.RoomMailbox => l["Room mailbox"],
        UserKind.EquipmentMailbox => l["Equipment mailbox"],
        _ => l["User"],
    };
}
