using System.Collections.Concurrent;

namespace LicenseAdmin.Domain.Administration;

/// <summary>The admin roles of docs/product-rules.md ("Admin roles"). A user may hold several; none means an ordinary user.</summary>
[Flags]
public enum AdminRoles
{
    None = 0,
    GlobalAdministrator = 1,
    BillingAdministrator = 2,
    UserAdministrator = 4,
    LicenseAdministrator = 8,
    ServiceAdministrator = 16,
    PasswordAdministrator = 32,
}

public static class AdminRolesExtensions
{
    public static IEnumerable<AdminRoles> Each(this AdminRoles roles) =>
        Enum.GetValues<AdminRoles>().Where(r => r != AdminRoles.None && roles.HasFlag(r));

    /// <summary>The English name. Kept per combination: a bulk change names the actor's roles on every audit row it writes.</summary>
    public static string DisplayName(this AdminRoles role) => EnglishNames.GetOrAdd(role, r => r.Named().ToString());

    private static readonly ConcurrentDictionary<AdminRoles, string> EnglishNames = new();

    /// <summary>The role's name (several joined with commas) as a message, so the portal can word it in the admin's language.</summary>
    public static DomainMessage Named(this AdminRoles role) => role switch
    {
        AdminRoles.None => new DomainMessage("AdminRole", "User (no admin role)"),
        AdminRoles.GlobalAdministrator => new DomainMessage("AdminRole", "Global administrator"),
        AdminRoles.BillingAdministrator => new DomainMessage("AdminRole", "Billing administrator"),
        AdminRoles.UserAdministrator => new DomainMessage("AdminRole", "User administrator"),
        AdminRoles.LicenseAdministrator => new DomainMessage("AdminRole", "License administrator"),
        AdminRoles.ServiceAdministrator => new DomainMessage("AdminRole", "Service administrator"),
        AdminRoles.PasswordAdministrator => new DomainMessage("AdminRole", "Password administrator"),
        _ => DomainMessage.Join(", ", role.Each().Select(Named)),
    };
}
