using LicenseAdmin.Domain.Administration;

namespace LicenseAdmin.Infrastructure.Persistence.Seeding;

/// <summary>The demo sign-ins: one per admin role and one ordinary user, printed at start-up and listed in the README.</summary>
public static class DemoAccounts
{
    public sealed record Account(string Upn, string DisplayName, AdminRoles Roles);

    public static readonly IReadOnlyList<Account> Contoso =
    [
        new("admin@contoso.com", "Adele Vance", AdminRoles.GlobalAdministrator),
        new("billing@contoso.com", "Alex Wilber", AdminRoles.BillingAdministrator),
        new("useradmin@contoso.com", "Diego Siciliani", AdminRoles.UserAdministrator),
        new("licenseadmin@contoso.com", "Isaiah Langer", AdminRoles.LicenseAdministrator),
        new("serviceadmin@contoso.com", "Johanna Lorenz", AdminRoles.ServiceAdministrator),
        new("passwordadmin@contoso.com", "Lee Gu", AdminRoles.PasswordAdministrator),
        new("user@contoso.com", "Lynne Robbins", AdminRoles.None),
    ];

    public static readonly IReadOnlyList<Account> Fabrikam =
    [
        new("admin@fabrikam.com", "Nestor Wilke", AdminRoles.GlobalAdministrator),
    ];

    public static IEnumerable<Account> All => Contoso.Concat(Fabrikam);
}
