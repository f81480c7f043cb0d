using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Tenants;
using static LicenseAdmin.Domain.Administration.AdminRoles;

namespace LicenseAdmin.Domain.Tests.Administration;

public sealed class MfaRuleTests
{
    [Theory]
    [InlineData(GlobalAdministrator, true, false, true)]
    [InlineData(BillingAdministrator, true, false, true)]
    [InlineData(PasswordAdministrator, true, false, true)]
    [InlineData(GlobalAdministrator, true, true, false)]
    [InlineData(GlobalAdministrator, false, false, false)]
    [InlineData(None, true, false, false)]
    public void MustEnrol_OnlyAnAdminWithoutAnAuthenticator_WhenTheTenantRequiresIt(AdminRoles roles, bool required, bool hasAuthenticator, bool mustEnrol)
    {
        Assert.Equal(mustEnrol, MfaRule.MustEnrol(roles, required, hasAuthenticator));
    }

    [Fact]
    public void NewTenant_RequiresMfaForAdministrators()
    {
        var tenant = new Tenant(Guid.NewGuid(), "Northwind", "northwind.example", DateTime.UtcNow);

        Assert.True(tenant.RequireMfaForAdmins);
    }
}
