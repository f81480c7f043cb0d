namespace LicenseAdmin.Domain.Administration;

/// <summary>The admin roles of product.md. A user may hold several; none means an ordinary user.</summary>
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

    public static string DisplayName(this AdminRoles role) => role switch
    {
        AdminRoles.None => "User (no admin role)",
        AdminRoles.GlobalAdministrator => "Global administrator",
        AdminRoles.BillingAdministrator => "Billing administrator",
        AdminRoles.UserAdministrator => "User administrator",
        AdminRoles.LicenseAdministrator => "License administrator",
        AdminRoles.ServiceAdministrator => "Service administrator",
        AdminRoles.PasswordAdministrator => "Password administrator",
        _ => string.Join(", ", role.Each().Select(DisplayName)),
    };
}
