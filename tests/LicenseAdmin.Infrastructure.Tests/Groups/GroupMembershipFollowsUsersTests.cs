using System.Text;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Services.Users.Import;
using LicenseAdmin.Infrastructure.Tests.Retention;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Groups;

/// <summary>
/// Dynamic memberships follow user changes in the changing transaction, and deleted users keep their memberships until
/// the purge (decision 0021). "One processor pass" below is a run within the dynamic refresh interval: the fake clock
/// stands still, so only what the user change queued is processed.
/// </summary>
public sealed class GroupMembershipFollowsUsersTests : DemoDatabaseTest
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Quality = "user.department -eq \"Quality\"";

    private GroupScenario Scenario => new(Database, Demo);
    private UserService Users => Database.Services.GetRequiredService<UserService>();
    private LicenseService Licenses => Database.Services.GetRequiredService<LicenseService>();

    private Task<Caller> GlobalAdminAsync() => Demo.CallerAsync("admin@contoso.com");

    /// <summary>A dynamic group giving E3, processed once (its refresh is then not due again on the standing clock).</summary>
    private async Task<Guid> DynamicE3GroupAsync(string rule)
    {
        var admin = await Scenario.AdminAsync();
        var group = await Scenario.Groups.CreateAsync(admin, "Quality", rule, None);
        await Scenario.Groups.SetLicensesAsync(admin, group, [ProductLicense.AllPlansOn(DemoTenant.E3)], None);
        await Scenario.ProcessAsync();
        return group;
    }

    private async Task<IReadOnlyList<Guid>> MembersAsync(Guid group) =>
        (await Scenario.Groups.GetAsync(await Scenario.AdminAsync(), group, None)).Members.Select(m => m.UserId).ToList();

    private async Task<int> MembershipRowsAsync(Guid userId)
    {
        await using var db = await Database.Contexts.ForSystemAsync(None);
        return await db.GroupMembers.IgnoreQueryFilters().CountAsync(m => m.UserId == userId);
    }

    private static UserProfile InDepartment(DirectoryUser user, string department) =>
        new(user.DisplayName, user.FirstName, user.LastName, department, user.JobTitle, user.UsageLocation);

    [Fact]
    public async Task ChangingAUsersDepartment_MovesThemIntoTheDynamicGroupAtOnce_AndOneProcessorPassGivesTheInheritedLicense()
    {
        var group = await DynamicE3GroupAsync(Quality);
        var person = (await Demo.UnlicensedPeopleAsync(1))[0];
        Assert.Empty(await MembersAsync(group));

        await Users.UpdateAsync(await GlobalAdminAsync(), person.Id, InDepartment(person, "Quality"), None);

        Assert.Equal([person.Id], await MembersAsync(group));
        Assert.Equal(1, await Scenario.QueuedAsync());
        Assert.Equal(GroupProcessingState.Queued, (await Scenario.Groups.GetAsync(await Scenario.AdminAsync(), group, None)).ProcessingState);

        await Scenario.ProcessAsync();

        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(person.Id));
        Assert.Equal([group], await Scenario.InheritedFromAsync(person.Id, DemoTenant.E3));
        Assert.Equal((25, 21, 21), await Demo.SeatsAsync(DemoTenant.E3));

        await Users.UpdateAsync(await GlobalAdminAsync(), person.Id, InDepartment(person, "Sales"), None);
        Assert.Empty(await MembersAsync(group));
        await Scenario.ProcessAsync();

        Assert.Empty(await Demo.ProductsOfAsync(person.Id));
        Assert.Equal((25, 20, 20), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task ChangingAnotherPropertyAGroupDoesNotTest_QueuesNobody()
    {
        var group = await DynamicE3GroupAsync(Quality);
        var person = (await Demo.UnlicensedPeopleAsync(1))[0];

        await Users.UpdateAsync(await GlobalAdminAsync(), person.Id,
            new UserProfile("Renamed Person", person.FirstName, person.LastName, person.Department, person.JobTitle, person.UsageLocation), None);

        Assert.Empty(await MembersAsync(group));
        Assert.Equal(0, await Scenario.QueuedAsync());
    }

    [Fact]
    public async Task BlockingSignIn_TakesTheUserOutOfAGroupForEnabledAccounts_AndUnblockingBringsThemBack()
    {
        var person = (await Demo.UnlicensedPeopleAsync(1))[0];
        await Users.UpdateAsync(await GlobalAdminAsync(), person.Id, InDepartment(person, "Quality"), None);
        var group = await DynamicE3GroupAsync("user.accountEnabled -eq true -and user.department -eq \"Quality\"");
        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(person.Id));

        await Users.SetSignInBlockedAsync(await GlobalAdminAsync(), person.Id, true, None);
        Assert.Empty(await MembersAsync(group));
        await Scenario.ProcessAsync();
        Assert.Empty(await Demo.ProductsOfAsync(person.Id));

        await Users.SetSignInBlockedAsync(await GlobalAdminAsync(), person.Id, false, None);
        Assert.Equal([person.Id], await MembersAsync(group));
        await Scenario.ProcessAsync();
        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(person.Id));
    }

    [Fact]
    public async Task AUserAddedWithTheAddAUserDialog_WhoMatchesARule_IsAMemberAtOnce_AndGetsTheLicenseInOnePass()
    {
        var group = await DynamicE3GroupAsync(Quality);

        var created = await Users.CreateAsync(await GlobalAdminAsync(),
            new NewUser("quality.new@contoso.com", "Quality New", Department: "Quality", UsageLocation: "DK"), None);

        Assert.Equal([created], await MembersAsync(group));
        await Scenario.ProcessAsync();
        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(created));
        Assert.Equal((false, (IReadOnlyList<Guid>?)null), await Scenario.SourceAsync(created, DemoTenant.E3));
    }

    [Fact]
    public async Task UsersAddedFromAFile_WhoMatchARule_AreMembersAtOnce_AndGetTheLicenseInOnePass()
    {
        var group = await DynamicE3GroupAsync(Quality);
        const string header = "User Name,Display Name,Department,Usage Location";
        var file = new MemoryStream(Encoding.UTF8.GetBytes(
            $"{header}\r\nida@contoso.com,Ida Imported,Quality,DK\r\nole@contoso.com,Ole Imported,Sales,DK\r\n"));

        var result = await Database.Services.GetRequiredService<UserImportService>()
            .ApplyAsync(await GlobalAdminAsync(), file, UserImportOptions.UsersOnly, null, None);

        var ida = result.Users.Single(u => u.UserPrincipalName == "ida@contoso.com").UserId;
        var ole = result.Users.Single(u => u.UserPrincipalName == "ole@contoso.com").UserId;
        Assert.Equal([ida], await MembersAsync(group));
        await Scenario.ProcessAsync();
        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(ida));
        Assert.Empty(await Demo.ProductsOfAsync(ole));
    }

    [Fact]
    public async Task ADeletedUser_KeepsTheirMemberships_LosesTheLicenseAndItsSeat_AndIsNotListedAsAMember()
    {
        var admin = await GlobalAdminAsync();
        var person = (await Demo.UnlicensedPeopleAsync(1))[0];
        var group = await Scenario.LicensedGroupAsync("Sales", [person.Id], ProductLicense.AllPlansOn(DemoTenant.E3));

        await Users.DeleteAsync(admin, UserSelection.Of([person.Id]), None);
        await Scenario.ProcessAsync();

        Assert.Equal(1, await MembershipRowsAsync(person.Id));
        Assert.Empty(await MembersAsync(group));
        Assert.Equal(0, Assert.Single(await Scenario.Groups.ListAsync(await Scenario.AdminAsync(), None)).MemberCount);
        Assert.Empty(await Demo.ProductsOfAsync(person.Id));
        Assert.Empty(await Scenario.InheritedFromAsync(person.Id, DemoTenant.E3));
        Assert.Equal((25, 20, 20), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task RestoringADeletedMember_QueuesThem_AndOneProcessorPassGivesTheInheritedLicenseBack()
    {
        var admin = await GlobalAdminAsync();
        var person = (await Demo.UnlicensedPeopleAsync(1))[0];
        var group = await Scenario.LicensedGroupAsync("Sales", [person.Id], ProductLicense.AllPlansOn(DemoTenant.E3));
        await Users.DeleteAsync(admin, UserSelection.Of([person.Id]), None);
        await Scenario.ProcessAsync();

        var restored = await Users.RestoreAsync(admin, [person.Id], None);

        // The restore gives back what was direct (nothing here); the group gives the rest.
        Assert.Empty(Assert.Single(restored.Users).LicensesRestored);
        Assert.Equal(1, await Scenario.QueuedAsync());
        await Scenario.ProcessAsync();
        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(person.Id));
        Assert.Equal((false, (IReadOnlyList<Guid>?)null), await Scenario.SourceAsync(person.Id, DemoTenant.E3));
        Assert.Equal([person.Id], await MembersAsync(group));
        Assert.Equal((25, 21, 21), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task RestoringADeletedMember_WhenTheSeatsWereTakenMeanwhile_GivesACountViolation()
    {
        var admin = await GlobalAdminAsync();
        var people = await Demo.UnlicensedPeopleAsync(7);
        var group = await Scenario.LicensedGroupAsync("Sales", [people[0].Id], ProductLicense.AllPlansOn(DemoTenant.E3));
        await Users.DeleteAsync(admin, UserSelection.Of([people[0].Id]), None);
        foreach (var other in people.Skip(1).Take(5)) await Licenses.AssignAsync(admin, other.Id, DemoTenant.E3, null, None);
        Assert.Equal((25, 25, 25), await Demo.SeatsAsync(DemoTenant.E3));

        await Users.RestoreAsync(admin, [people[0].Id], None);
        await Scenario.ProcessAsync();

        var member = await Scenario.MemberAsync(group, people[0].Id);
        Assert.Equal(GroupLicenseError.CountViolation, member.Error);
        Assert.Equal("Office 365 E3: 1 seat needed, 0 available.", member.ErrorDetail);
        Assert.Empty(await Demo.ProductsOfAsync(people[0].Id));
        Assert.Equal((25, 25, 25), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task RestoringAUserWithADirectAndAnInheritedLicense_GivesBackTheDirectPartWithItsOwnPlans_AndTheGroupAddsItsPart()
    {
        var admin = await GlobalAdminAsync();
        var person = (await Demo.UnlicensedPeopleAsync(1))[0].Id;
        var skype = await Demo.PlanIdAsync("MCOSTANDARD");
        var sway = await Demo.PlanIdAsync("SWAY");
        await Licenses.AssignAsync(admin, person, DemoTenant.E3, [skype, sway], None);
        await Scenario.LicensedGroupAsync("Sales", [person], new ProductLicense(DemoTenant.E3, [skype]));
        await Users.DeleteAsync(admin, UserSelection.Of([person]), None);

        var restored = await Users.RestoreAsync(admin, [person], None);

        Assert.Equal(new[] { skype, sway }.Order(), Assert.Single(Assert.Single(restored.Users).LicensesRestored).DisabledPlanIds);
        await Scenario.ProcessAsync();
        Assert.Equal([skype], await Demo.DisabledPlansAsync(person, DemoTenant.E3));
        var source = await Scenario.SourceAsync(person, DemoTenant.E3);
        Assert.True(source.IsDirect);
        Assert.Equal(new[] { skype, sway }.Order(), source.DirectDisabled!);
        Assert.Equal((25, 21, 21), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task ADeletedMemberOfADynamicGroup_StaysAMember_AndDoesNotJoinWhileDeleted()
    {
        var admin = await GlobalAdminAsync();
        var people = await Demo.UnlicensedPeopleAsync(2);
        await Users.UpdateAsync(admin, people[0].Id, InDepartment(people[0], "Quality"), None);
        var group = await DynamicE3GroupAsync(Quality);
        await Users.DeleteAsync(admin, UserSelection.Of([people[0].Id, people[1].Id]), None);

        await Scenario.Processor.RefreshDynamicGroupsAsync(None);

        Assert.Equal(1, await MembershipRowsAsync(people[0].Id));
        Assert.Equal(0, await MembershipRowsAsync(people[1].Id));
        Assert.Empty(await MembersAsync(group));
    }

    [Fact]
    public async Task ThePurge_RemovesADeletedUsersMembershipRows()
    {
        var admin = await GlobalAdminAsync();
        var person = (await Demo.UnlicensedPeopleAsync(1))[0];
        await Scenario.LicensedGroupAsync("Sales", [person.Id], ProductLicense.AllPlansOn(DemoTenant.E3));
        await Users.DeleteAsync(admin, UserSelection.Of([person.Id]), None);
        var retention = new RetentionScenario(Database);
        retention.At(RetentionScenario.Start.AddDays(31));

        await retention.Purger().RunOnceAsync(dryRun: false, None);

        Assert.False(await retention.ExistsAsync(person.Id));
        Assert.Equal(0, await MembershipRowsAsync(person.Id));
    }

    [Fact]
    public async Task RemovingAProductTheGroupDoesNotGive_IsRefusedNamingTheProductAndTheGroup_AndChangesNothing()
    {
        var admin = await Scenario.AdminAsync();
        var person = (await Demo.UnlicensedPeopleAsync(1))[0].Id;
        var group = await Scenario.LicensedGroupAsync("Sales", [person], ProductLicense.AllPlansOn(DemoTenant.E3));

        var refused = await Assert.ThrowsAnyAsync<DomainException>(() =>
            Scenario.Groups.AddAndRemoveLicensesAsync(admin, group, [ProductLicense.AllPlansOn(DemoTenant.BusinessBasic)], [DemoTenant.E5], None));

        Assert.Equal("The group Sales does not give Office 365 E5, so it cannot be removed from the group.", refused.Message);
        Assert.Equal([DemoTenant.E3], (await Scenario.Groups.GetAsync(admin, group, None)).Licenses.Select(l => l.ProductId));
        Assert.Equal(0, await Scenario.QueuedAsync());
    }
}
