using LicenseAdmin.Domain.Administration;
using static LicenseAdmin.Domain.Administration.AdminRoles;

namespace LicenseAdmin.Domain.Tests.Administration;

public class RolePolicyTests
{
    // The role table of docs/product-rules.md: assign, remove (both AssignLicenses), buy/reduce (ManageBilling), delete or restore, reset passwords.
    [Theory]
    [InlineData(GlobalAdministrator, true, true, true, true)]
    [InlineData(BillingAdministrator, false, true, false, false)]
    [InlineData(UserAdministrator, true, false, true, true)]
    [InlineData(LicenseAdministrator, true, false, false, false)]
    [InlineData(ServiceAdministrator, false, false, false, false)]
    [InlineData(PasswordAdministrator, false, false, false, true)]
    [InlineData(None, false, false, false, false)]
    public void Allows_FollowsTheRoleTable(AdminRoles role, bool assign, bool billing, bool deleteRestore, bool resetPasswords)
    {
        Assert.Equal(assign, RolePolicy.Allows(role, Permission.AssignLicenses));
        Assert.Equal(billing, RolePolicy.Allows(role, Permission.ManageBilling));
        Assert.Equal(deleteRestore, RolePolicy.Allows(role, Permission.DeleteAndRestoreUsers));
        Assert.Equal(resetPasswords, RolePolicy.Allows(role, Permission.ResetPasswords));
    }

    [Theory]
    [InlineData(GlobalAdministrator, true)]
    [InlineData(BillingAdministrator, true)]
    [InlineData(UserAdministrator, true)]
    [InlineData(LicenseAdministrator, true)]
    [InlineData(ServiceAdministrator, true)]
    [InlineData(PasswordAdministrator, true)]
    [InlineData(None, false)]
    public void ReadDirectory_IsForEveryAdminOnly(AdminRoles role, bool allowed)
    {
        Assert.Equal(allowed, RolePolicy.Allows(role, Permission.ReadDirectory));
        Assert.Equal(allowed, RolePolicy.Allows(role, Permission.ReadAuditLog));
    }

    [Fact]
    public void Allows_ForSeveralRoles_GrantsTheUnion()
    {
        Assert.True(RolePolicy.Allows(BillingAdministrator | LicenseAdministrator, Permission.AssignLicenses));
        Assert.True(RolePolicy.Allows(BillingAdministrator | LicenseAdministrator, Permission.ManageBilling));
    }

    [Fact]
    public void PermissionsOf_NoRole_IsEmpty()
    {
        Assert.Empty(RolePolicy.PermissionsOf(None));
    }

    [Theory]
    [InlineData(GlobalAdministrator, None, true)]
    [InlineData(GlobalAdministrator, GlobalAdministrator, true)]
    [InlineData(UserAdministrator, None, true)]
    [InlineData(UserAdministrator, LicenseAdministrator, false)]
    [InlineData(UserAdministrator, UserAdministrator, false)]
    [InlineData(UserAdministrator, GlobalAdministrator, false)]
    [InlineData(LicenseAdministrator, None, false)]
    [InlineData(PasswordAdministrator, None, false)]
    [InlineData(BillingAdministrator, None, false)]
    public void MayDeleteOrRestore_UserAdminCannotDeleteAnAdmin(AdminRoles caller, AdminRoles target, bool allowed)
    {
        Assert.Equal(allowed, RolePolicy.MayDeleteOrRestore(caller, target));
    }

    [Theory]
    [InlineData(GlobalAdministrator, GlobalAdministrator, true)]
    [InlineData(UserAdministrator, None, true)]
    [InlineData(UserAdministrator, PasswordAdministrator, false)]
    [InlineData(PasswordAdministrator, None, true)]
    [InlineData(PasswordAdministrator, PasswordAdministrator, true)]
    [InlineData(PasswordAdministrator, UserAdministrator, false)]
    [InlineData(PasswordAdministrator, PasswordAdministrator | BillingAdministrator, false)]
    [InlineData(LicenseAdministrator, None, false)]
    [InlineData(ServiceAdministrator, None, false)]
    public void MayResetPassword_PasswordAdminMayResetPasswordAdmins(AdminRoles caller, AdminRoles target, bool allowed)
    {
        Assert.Equal(allowed, RolePolicy.MayResetPassword(caller, target));
    }

    [Fact]
    public void DisplayName_OfEveryRole_ReadsLikeTheAdminCenter()
    {
        Assert.Equal("Password administrator", PasswordAdministrator.DisplayName());
        Assert.Equal("Global administrator, Billing administrator", (GlobalAdministrator | BillingAdministrator).DisplayName());
    }
}
