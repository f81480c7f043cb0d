using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Account;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Office;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Account;

public sealed class MyAccountServiceTests : DemoDatabaseTest
{
    private MyAccountService MyAccount => Database.Services.GetRequiredService<MyAccountService>();
    private LicenseService Licenses => Database.Services.GetRequiredService<LicenseService>();

    [Fact]
    public async Task LicensedUser_SeesLicensesWithPlans_ProvisionedServices_AndInstallations()
    {
        var lynne = await Demo.CallerAsync("user@contoso.com");

        var account = await MyAccount.GetAsync(lynne, CancellationToken.None);

        Assert.Equal("Lynne Robbins", account.DisplayName);
        Assert.Equal("user@contoso.com", account.Upn);
        var e3 = Assert.Single(account.Licenses);
        Assert.Equal("Office 365 E3", e3.ProductName);
        Assert.Equal(36, e3.Plans.Count);
        Assert.All(e3.Plans, p => Assert.True(p.Enabled));
        Assert.Equal("EXCHANGE ONLINE (PLAN 2)", e3.Plans.Single(p => p.Name == "EXCHANGE_S_ENTERPRISE").FriendlyName, ignoreCase: true);
        Assert.Equal(MyAccountService.ShownFamilies, account.Services.Select(s => s.Family));
        Assert.All(account.Services, s => Assert.Equal(ProvisioningState.Provisioned, s.State));
        Assert.Equal(["LYNNE-LAPTOP", "Lynne's MacBook"], account.OfficeInstallations.Select(i => i.DeviceName));
        Assert.All(account.OfficeInstallations, i => Assert.Equal(OfficeActivation.Licensed, i.Activation));
        Assert.Equal(5, account.MaxOfficeInstallations);
    }

    [Fact]
    public async Task PlanTurnedOffByAnAdmin_ShowsAsOff()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var lynne = await Demo.CallerAsync("user@contoso.com");
        var skype = await Demo.PlanIdAsync("MCOSTANDARD");
        await Licenses.ChangePlansAsync(admin, lynne.UserId, DemoTenant.E3, [skype], CancellationToken.None);

        var plans = Assert.Single((await MyAccount.GetAsync(lynne, CancellationToken.None)).Licenses).Plans;

        Assert.False(Assert.Single(plans, p => p.Name == "MCOSTANDARD").Enabled);
        Assert.Equal(35, plans.Count(p => p.Enabled));
    }

    [Fact]
    public async Task AfterTheLicenseGoes_MailboxIsRetainedWithDaysLeft_AndOfficeReportsUnlicensedProduct()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var lynne = await Demo.CallerAsync("user@contoso.com");
        await Licenses.RemoveAsync(admin, lynne.UserId, DemoTenant.E3, CancellationToken.None);
        Database.Clock.Advance(TimeSpan.FromDays(10.5));

        var account = await MyAccount.GetAsync(lynne, CancellationToken.None);

        Assert.Empty(account.Licenses);
        var mailbox = account.Services.Single(s => s.Family == ServiceFamily.Exchange);
        Assert.Equal(ProvisioningState.Retained, mailbox.State);
        Assert.Equal(TestDatabase.Start.UtcDateTime.AddDays(30), mailbox.RetainedUntilUtc);
        Assert.Equal(20, mailbox.DaysLeft);
        Assert.Equal(ProvisioningState.Removed, account.Services.Single(s => s.Family == ServiceFamily.SharePoint).State);
        Assert.Null(account.Services.Single(s => s.Family == ServiceFamily.SharePoint).DaysLeft);
        Assert.Equal(2, account.OfficeInstallations.Count);
        Assert.All(account.OfficeInstallations, i => Assert.Equal(OfficeActivation.UnlicensedProduct, i.Activation));
    }

    [Fact]
    public async Task UserWithoutLicense_SeesNoServices()
    {
        var unlicensed = (await Demo.UnlicensedPeopleAsync(1))[0];
        var caller = await Demo.CallerAsync(unlicensed.UserPrincipalName);

        var account = await MyAccount.GetAsync(caller, CancellationToken.None);

        Assert.Empty(account.Licenses);
        Assert.Empty(account.OfficeInstallations);
        Assert.All(account.Services, s => Assert.Null(s.State));
    }

    [Fact]
    public async Task BlockedUser_IsRefused()
    {
        var lynne = await Demo.CallerAsync("user@contoso.com");
        await using (var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
        {
            (await db.DirectoryUsers.SingleAsync(u => u.Id == lynne.UserId)).SetSignInBlocked(true);
            await db.SaveChangesAsync();
        }

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => MyAccount.GetAsync(lynne, CancellationToken.None));

        Assert.Equal("Your account is deleted or blocked from signing in; nothing was changed.", error.Message);
    }

    [Fact]
    public async Task CallerClaimingAnotherTenant_IsRefused()
    {
        var fabrikam = await Demo.CallerAsync("admin@fabrikam.com");

        await Assert.ThrowsAsync<AccessDeniedException>(() => MyAccount.GetAsync(fabrikam with { TenantId = DemoDataSeeder.ContosoId }, CancellationToken.None));
    }
}
