using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Licensing;

public sealed class LicenseServiceTests : DemoDatabaseTest
{
    private LicenseService Licenses => Database.Services.GetRequiredService<LicenseService>();

    [Fact]
    public async Task Assign_WithSkypeTurnedOff_GivesTheProductWithOnlyThatPlanOff()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var user = (await Demo.UnlicensedPeopleAsync(1))[0];
        var skype = await Demo.PlanIdAsync("MCOSTANDARD");

        var result = await Licenses.AssignAsync(admin, user.Id, DemoTenant.E3, [skype], CancellationToken.None);

        Assert.Equal(1, result.UsersChanged);
        Assert.Equal([skype], await Demo.DisabledPlansAsync(user.Id, DemoTenant.E3));
        Assert.Equal((25, 21, 21), await Demo.SeatsAsync(DemoTenant.E3));
        Assert.Equal(ProvisioningState.Provisioned, (await Demo.ProvisioningAsync(user.Id, ServiceFamily.Exchange))!.State);
        Assert.Null(await Demo.ProvisioningAsync(user.Id, ServiceFamily.SkypeForBusiness));
    }

    [Fact]
    public async Task Assign_IsAuditedWithTheStateBeforeAndAfter()
    {
        var admin = await Demo.CallerAsync("licenseadmin@contoso.com");
        var user = (await Demo.UnlicensedPeopleAsync(1))[0];

        var result = await Licenses.AssignAsync(admin, user.Id, DemoTenant.E3, null, CancellationToken.None);

        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var entry = await db.AuditEntries.SingleAsync(e => e.OperationId == result.OperationId);
        Assert.Equal((AuditAction.ChangeUserLicense, user.UserPrincipalName, "licenseadmin@contoso.com", "License administrator"),
            (entry.Action, entry.Target, entry.ActorUpn, entry.ActorRole));
        Assert.Equal("[]", entry.Before);
        Assert.Contains("\"product\":\"Office 365 E3\"", entry.After);
        Assert.Equal(user.Id, entry.TargetId);
    }

    [Fact]
    public async Task Assign_TheSameProductTwice_ChangesNothingAndUsesNoSeat()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var user = (await Demo.UnlicensedPeopleAsync(1))[0];
        await Licenses.AssignAsync(admin, user.Id, DemoTenant.E3, null, CancellationToken.None);

        var second = await Licenses.AssignAsync(admin, user.Id, DemoTenant.E3, null, CancellationToken.None);

        Assert.True(second.NothingToDo);
        Assert.Equal((25, 21, 21), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task Assign_ToAUserWithoutUsageLocation_IsRefusedNamingTheUser()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var nowhere = await db.DirectoryUsers.FirstAsync(u => u.UsageLocation == null && u.Kind == Domain.Users.UserKind.User);

        var error = await Assert.ThrowsAsync<LicenseChangeRefusedException>(() =>
            Licenses.AssignAsync(admin, nowhere.Id, DemoTenant.E3, null, CancellationToken.None));

        Assert.Equal($"Nothing was changed. {nowhere.UserPrincipalName} has no usage location. Set the user's country before assigning licenses.", error.Message);
        Assert.Equal("UsageLocationRequired", error.Code);
        Assert.Empty(await Demo.ProductsOfAsync(nowhere.Id));
    }

    [Fact]
    public async Task Assign_E3ToABusinessBasicHolder_IsRefusedNamingBothSharePointPlans()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var holderId = await db.LicenseAssignments.Where(a => a.ProductId == DemoTenant.BusinessBasic).Select(a => a.UserId).FirstAsync();
        var holder = await db.DirectoryUsers.SingleAsync(u => u.Id == holderId);

        var error = await Assert.ThrowsAsync<LicenseChangeRefusedException>(() =>
            Licenses.AssignAsync(admin, holder.Id, DemoTenant.E3, null, CancellationToken.None));

        Assert.Contains(error.Violations, v => v.Code == ViolationCode.MutuallyExclusiveViolation &&
            v.Message.Contains("SharePoint (Plan 2) (Office 365 E3)") && v.Message.Contains("(Microsoft 365 Business Basic)") &&
            v.Message.StartsWith(holder.UserPrincipalName));
        Assert.Equal([DemoTenant.BusinessBasic], await Demo.ProductsOfAsync(holder.Id));
        Assert.Equal((25, 20, 20), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task Assign_BeyondTheSeats_IsRefusedWithNeededAndAvailable()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var users = await Demo.UnlicensedPeopleAsync(2);
        await Licenses.AssignAsync(admin, users[0].Id, DemoTenant.E5, null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<LicenseChangeRefusedException>(() =>
            Licenses.AssignAsync(admin, users[1].Id, DemoTenant.E5, null, CancellationToken.None));

        Assert.Equal("Nothing was changed. Office 365 E5: 1 seat needed, 0 available.", error.Message);
        Assert.Equal("CountViolation", error.Code);
        Assert.Equal((5, 5, 5), await Demo.SeatsAsync(DemoTenant.E5));
    }

    [Fact]
    public async Task Remove_RetainsTheMailbox30Days_AndAssigningAgainReconnectsIt()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var user = (await Demo.UnlicensedPeopleAsync(1))[0];
        await Licenses.AssignAsync(admin, user.Id, DemoTenant.E3, null, CancellationToken.None);
        var removedAt = Database.Clock.GetUtcNow().UtcDateTime;

        await Licenses.RemoveAsync(admin, user.Id, DemoTenant.E3, CancellationToken.None);

        var mailbox = await Demo.ProvisioningAsync(user.Id, ServiceFamily.Exchange);
        Assert.Equal((ProvisioningState.Retained, removedAt.AddDays(30)), (mailbox!.State, mailbox.RetainedUntilUtc));
        Assert.Equal(ProvisioningState.Removed, (await Demo.ProvisioningAsync(user.Id, ServiceFamily.SharePoint))!.State);
        Assert.Equal((25, 20, 20), await Demo.SeatsAsync(DemoTenant.E3));

        Database.Clock.Advance(TimeSpan.FromDays(29));
        await Licenses.AssignAsync(admin, user.Id, DemoTenant.E3, null, CancellationToken.None);

        var again = await Demo.ProvisioningAsync(user.Id, ServiceFamily.Exchange);
        Assert.Equal((mailbox.Id, ProvisioningState.Provisioned, (DateTime?)null), (again!.Id, again.State, again.RetainedUntilUtc));
    }

    [Fact]
    public async Task Remove_AProductTheUserDoesNotHold_IsRefusedNamingIt()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var user = (await Demo.UnlicensedPeopleAsync(1))[0];

        var error = await Assert.ThrowsAsync<LicenseChangeRefusedException>(() =>
            Licenses.RemoveAsync(admin, user.Id, DemoTenant.E3, CancellationToken.None));

        Assert.Equal($"Nothing was changed. {user.UserPrincipalName} does not have Office 365 E3.", error.Message);
    }

    [Fact]
    public async Task ChangePlans_ReplacesTheDisabledSet()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var user = (await Demo.UnlicensedPeopleAsync(1))[0];
        var skype = await Demo.PlanIdAsync("MCOSTANDARD");
        var sway = await Demo.PlanIdAsync("SWAY");
        await Licenses.AssignAsync(admin, user.Id, DemoTenant.E3, [skype], CancellationToken.None);

        await Licenses.ChangePlansAsync(admin, user.Id, DemoTenant.E3, [sway], CancellationToken.None);

        Assert.Equal([sway], await Demo.DisabledPlansAsync(user.Id, DemoTenant.E3));
        Assert.Equal((25, 21, 21), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Theory]
    [InlineData("billing@contoso.com", "Billing administrator")]
    [InlineData("serviceadmin@contoso.com", "Service administrator")]
    [InlineData("passwordadmin@contoso.com", "Password administrator")]
    [InlineData("user@contoso.com", "User (no admin role)")]
    public async Task Assign_ByARoleThatMayNot_IsRefusedAndAudited(string upn, string role)
    {
        var caller = await Demo.CallerAsync(upn);
        var user = (await Demo.UnlicensedPeopleAsync(1))[0];

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => Licenses.AssignAsync(caller, user.Id, DemoTenant.E3, null, CancellationToken.None));

        Assert.Equal($"Your role ({role}) does not allow assigning or removing licenses.", error.Message);
        Assert.Empty(await Demo.ProductsOfAsync(user.Id));
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var refused = await db.AuditEntries.SingleAsync(e => e.Outcome == AuditOutcome.Refused);
        Assert.Equal((upn, error.Message), (refused.ActorUpn, refused.Detail));
    }

    [Theory]
    [InlineData("admin@contoso.com")]
    [InlineData("useradmin@contoso.com")]
    [InlineData("licenseadmin@contoso.com")]
    public async Task Assign_ByARoleThatMay_Succeeds(string upn)
    {
        var caller = await Demo.CallerAsync(upn);
        var user = (await Demo.UnlicensedPeopleAsync(1))[0];

        await Licenses.AssignAsync(caller, user.Id, DemoTenant.E3, null, CancellationToken.None);

        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(user.Id));
    }

    [Fact]
    public async Task AdminDemotedAfterSignIn_IsRefusedByTheRolesInTheDatabase()
    {
        var caller = await Demo.CallerAsync("licenseadmin@contoso.com");
        await using (var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
        {
            (await db.DirectoryUsers.SingleAsync(u => u.Id == caller.UserId)).SetRoles(AdminRoles.None);
            await db.SaveChangesAsync();
        }
        var user = (await Demo.UnlicensedPeopleAsync(1))[0];

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => Licenses.AssignAsync(caller, user.Id, DemoTenant.E3, null, CancellationToken.None));

        Assert.Equal("Your role (User (no admin role)) does not allow assigning or removing licenses.", error.Message);
    }

    [Fact]
    public async Task ContosoAdmin_CannotLicenseAFabrikamUserById()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var fabrikamUser = await Demo.UserAsync("admin@fabrikam.com");

        var error = await Assert.ThrowsAsync<LicenseChangeRefusedException>(() =>
            Licenses.RemoveAsync(admin, fabrikamUser.Id, DemoTenant.E3, CancellationToken.None));

        Assert.Equal($"Nothing was changed. The user {fabrikamUser.Id} does not exist in this organisation.", error.Message);
        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(fabrikamUser.Id));
        Assert.Equal((10, 6, 6), await Demo.SeatsAsync(DemoTenant.E3, DemoDataSeeder.FabrikamId));
    }
}
