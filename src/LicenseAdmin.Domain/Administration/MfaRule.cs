namespace LicenseAdmin.Domain.Administration;

/// <summary>
/// Who must sign in with a second factor: anyone holding an admin role, when their tenant requires MFA for
/// administrators. Such an account without an authenticator is sent to enrolment before any admin page.
/// </summary>
public static class MfaRule
{
    public static bool MustEnrol(AdminRoles roles, bool tenantRequiresMfaForAdmins, bool hasAuthenticator) =>
        tenantRequiresMfaForAdmins && roles != AdminRoles.None && !hasAuthenticator;
}
