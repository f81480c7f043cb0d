using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Groups;

public sealed class GroupLicensingTests : DemoDatabaseTest
{
    private GroupScenario Scenario => new(Database, Demo);
    private LicenseService Licenses => Database.Services.GetRequiredService<LicenseService>();
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<IReadOnlyList<Guid>> PeopleAsync(int count) => (await Demo.UnlicensedPeopleAsync(count)).Select(u => u.Id).ToList();

    [Fact]
    public async Task MembersOfALicensedGroup_InheritTheProduct_OneSeatEach_AndTheAuditLogSaysSo()
    {
        var people = await PeopleAsync(3);

        var group = await Scenario.LicensedGroupAsync("Sales", people, ProductLicense.AllPlansOn(DemoTenant.E3));

        foreach (var person in people)
        {
            Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(person));
            Assert.Equal((false, (IReadOnlyList<Guid>?)null), await Scenario.SourceAsync(person, DemoTenant.E3));
            Assert.Equal([group], await Scenario.InheritedFromAsync(person, DemoTenant.E3));
        }
        Assert.Equal((25, 23, 23), await Demo.SeatsAsync(DemoTenant.E3));
        Assert.Equal(0, await Scenario.QueuedAsync());

        var set = Assert.Single(await Scenario.AuditAsync(AuditAction.SetGroupLicense));
        Assert.Equal(("licenseadmin@contoso.com", "Sales"), (set.ActorUpn, set.Target));
        var start = Assert.Single(await Scenario.AuditAsync(AuditAction.StartGroupLicensing));
        var finish = Assert.Single(await Scenario.AuditAsync(AuditAction.FinishGroupLicensing));
        Assert.Equal(("Sales", GroupLicenseProcessor.ProcessorRole), (start.Target, start.ActorRole));
        Assert.Equal("{\"members\":3,\"membersWithErrors\":0}", finish.After);
        var changes = await Scenario.AuditAsync(AuditAction.ChangeUserLicense);
        Assert.Equal(3, changes.Count);
        Assert.All(changes, c => Assert.Equal(("licenseadmin@contoso.com", GroupLicenseProcessor.ProcessorRole,
            "Initiated by the group license processor on behalf of licenseadmin@contoso.com."), (c.ActorUpn, c.ActorRole, c.Detail)));
        Assert.Equal(GroupProcessingState.Done, (await Scenario.Groups.GetAsync(await Scenario.AdminAsync(), group, None)).ProcessingState);
    }

    [Fact]
    public async Task ADirectAndAnInheritedLicense_OfOneProduct_UseOneSeat_WithTheUnionOfPlans_AndTheDirectOneStaysWhenTheMemberLeaves()
    {
        var admin = await Scenario.AdminAsync();
        var person = (await PeopleAsync(1))[0];
        var skype = await Demo.PlanIdAsync("MCOSTANDARD");
        var sway = await Demo.PlanIdAsync("SWAY");
        await Licenses.AssignAsync(admin, person, DemoTenant.E3, [skype, sway], None);

        var group = await Scenario.LicensedGroupAsync("Sales", [person], new ProductLicense(DemoTenant.E3, [skype]));

        Assert.Equal([skype], await Demo.DisabledPlansAsync(person, DemoTenant.E3));
        var source = await Scenario.SourceAsync(person, DemoTenant.E3);
        Assert.True(source.IsDirect);
        Assert.Equal(new[] { skype, sway }.Order(), source.DirectDisabled!);
        Assert.Equal((25, 21, 21), await Demo.SeatsAsync(DemoTenant.E3));

        await Scenario.Groups.RemoveMembersAsync(admin, group, [person], None);
        await Scenario.ProcessAsync();

        Assert.Equal(new[] { skype, sway }.Order(), await Demo.DisabledPlansAsync(person, DemoTenant.E3));
        Assert.Equal((true, (IReadOnlyList<Guid>?)null), await Scenario.SourceAsync(person, DemoTenant.E3));
        Assert.Empty(await Scenario.InheritedFromAsync(person, DemoTenant.E3));
        Assert.Equal((25, 21, 21), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task AnInheritedLicense_CannotBeRemovedOnTheUser()
    {
        var admin = await Scenario.AdminAsync();
        var person = (await Demo.UnlicensedPeopleAsync(1))[0];
        await Scenario.LicensedGroupAsync("Sales", [person.Id], ProductLicense.AllPlansOn(DemoTenant.E3));

        var refused = await Assert.ThrowsAsync<LicenseChangeRefusedException>(() => Licenses.RemoveAsync(admin, person.Id, DemoTenant.E3, None));

        Assert.Equal($"Nothing was changed. {person.UserPrincipalName}: Office 365 E3 is inherited from the group Sales; remove or change it on the group.",
            refused.Message);
        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(person.Id));
    }

    [Fact]
    public async Task WithTooFewSeats_TheLastMembersGetACountViolation_AndAReprocessAfterBuyingSeatsLicensesThem()
    {
        var admin = await Scenario.AdminAsync();
        var people = await PeopleAsync(7);

        var group = await Scenario.LicensedGroupAsync("Sales", people, ProductLicense.AllPlansOn(DemoTenant.E3));

        Assert.Equal((25, 25, 25), await Demo.SeatsAsync(DemoTenant.E3));
        var details = await Scenario.Groups.GetAsync(admin, group, None);
        Assert.Equal(2, details.MembersWithErrors);
        var failed = details.Members.First(m => m.Error is not null);
        Assert.Equal(GroupLicenseError.CountViolation, failed.Error);
        Assert.Equal("Office 365 E3: 1 seat needed, 0 available.", failed.ErrorDetail);
        Assert.Empty(await Demo.ProductsOfAsync(failed.UserId));
        var summary = Assert.Single(await Scenario.Groups.ListAsync(admin, None));
        Assert.True(summary.DoneWithErrors);
        Assert.Equal(2, (await Scenario.Groups.UsersWithErrorsAsync(admin, None)).Count);

        await Database.Services.GetRequiredService<SubscriptionService>().BuyAsync(await Demo.CallerAsync("admin@contoso.com"), DemoTenant.E3, 2, null, None);
        await Scenario.Groups.ReprocessGroupAsync(admin, group, None);
        await Scenario.ProcessAsync();

        Assert.Equal((27, 27, 27), await Demo.SeatsAsync(DemoTenant.E3));
        Assert.Equal(0, (await Scenario.Groups.GetAsync(admin, group, None)).MembersWithErrors);
        Assert.Empty(await Scenario.Groups.UsersWithErrorsAsync(admin, None));
    }

    [Fact]
    public async Task APlanConflictWithADirectLicense_IsAMutuallyExclusiveViolation_AndNothingOfTheGroupIsGiven()
    {
        var admin = await Scenario.AdminAsync();
        var person = (await PeopleAsync(1))[0];
        await Licenses.AssignAsync(admin, person, DemoTenant.E3, null, None);

        var group = await Scenario.LicensedGroupAsync("Basic", [person],
            ProductLicense.AllPlansOn(DemoTenant.AppsForEnterprise), ProductLicense.AllPlansOn(DemoTenant.BusinessBasic));

        var member = await Scenario.MemberAsync(group, person);
        Assert.Equal(GroupLicenseError.MutuallyExclusiveViolation, member.Error);
        Assert.Contains("cannot be enabled together", member.ErrorDetail);
        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(person));
    }

    [Fact]
    public async Task APlanWhoseRequiredPlanIsOff_IsADependencyViolation()
    {
        var person = (await Demo.UnlicensedPeopleAsync(1))[0];
        var skype = await Demo.PlanIdAsync("MCOSTANDARD");

        var group = await Scenario.LicensedGroupAsync("Conferencing", [person.Id], new ProductLicense(DemoTenant.E5, [skype]));

        var member = await Scenario.MemberAsync(group, person.Id);
        Assert.Equal(GroupLicenseError.DependencyViolation, member.Error);
        Assert.StartsWith($"{person.UserPrincipalName}: ", member.ErrorDetail);
        Assert.Contains("needs Skype for Business Online (Plan 2), which is off or not licensed.", member.ErrorDetail);
        Assert.Empty(await Demo.ProductsOfAsync(person.Id));
    }

    [Fact]
    public async Task AProductWithoutSubscription_IsOther()
    {
        var person = (await PeopleAsync(1))[0];

        var group = await Scenario.LicensedGroupAsync("Audio", [person], ProductLicense.AllPlansOn(GroupScenario.AudioConferencing));

        var member = await Scenario.MemberAsync(group, person);
        Assert.Equal(GroupLicenseError.Other, member.Error);
        Assert.Equal("Microsoft 365 Audio Conferencing: the organisation has no subscription for this product.", member.ErrorDetail);
    }

    [Fact]
    public async Task AMemberWithoutUsageLocation_GetsProhibitedInUsageLocationViolation()
    {
        var created = await Database.Services.GetRequiredService<UserService>()
            .CreateAsync(await Demo.CallerAsync("admin@contoso.com"), new NewUser("nolocation@contoso.com", "No Location"), None);

        var group = await Scenario.LicensedGroupAsync("Sales", [created], ProductLicense.AllPlansOn(DemoTenant.E3));

        var member = await Scenario.MemberAsync(group, created);
        Assert.Equal(GroupLicenseError.ProhibitedInUsageLocationViolation, member.Error);
        Assert.Equal("nolocation@contoso.com has no usage location. Set the user's country before assigning licenses.", member.ErrorDetail);
    }

    [Fact]
    public async Task ALeaver_LosesTheInheritedLicense_AndTheMailboxIsKept30Days()
    {
        var admin = await Scenario.AdminAsync();
        var person = (await PeopleAsync(1))[0];
        var group = await Scenario.LicensedGroupAsync("Sales", [person], ProductLicense.AllPlansOn(DemoTenant.E3));
        Assert.Equal(ProvisioningState.Provisioned, (await Demo.ProvisioningAsync(person, ServiceFamily.Exchange))!.State);

        await Scenario.Groups.RemoveMembersAsync(admin, group, [person], None);
        await Scenario.ProcessAsync();

        Assert.Empty(await Demo.ProductsOfAsync(person));
        var mailbox = (await Demo.ProvisioningAsync(person, ServiceFamily.Exchange))!;
        Assert.Equal(ProvisioningState.Retained, mailbox.State);
        Assert.Equal(Database.Clock.GetUtcNow().UtcDateTime.AddDays(30), mailbox.RetainedUntilUtc);
        Assert.Equal((25, 20, 20), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task RemovingTheGroupsLicense_TakesItFromTheMembers_AndThenTheGroupCanBeDeleted()
    {
        var admin = await Scenario.AdminAsync();
        var people = await PeopleAsync(2);
        var group = await Scenario.LicensedGroupAsync("Sales", people, ProductLicense.AllPlansOn(DemoTenant.E3));

        var refused = await Assert.ThrowsAsync<Services.Groups.GroupHoldsLicensesException>(() => Scenario.Groups.DeleteAsync(admin, group, None));
        Assert.Equal("The group Sales gives licenses (Office 365 E3). Remove its licenses before deleting it.", refused.Message);

        await Scenario.Groups.SetLicensesAsync(admin, group, [], None);
        await Scenario.ProcessAsync();
        await Scenario.Groups.DeleteAsync(admin, group, None);

        Assert.All(people, p => Assert.Empty(Demo.ProductsOfAsync(p).Result));
        Assert.Empty(await Scenario.Groups.ListAsync(admin, None));
        Assert.Equal((25, 20, 20), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task ADynamicGroup_HasTheUsersItsRuleMatches_AndFollowsAUserWhoseDepartmentChanges()
    {
        var admin = await Scenario.AdminAsync();
        var person = (await Demo.UnlicensedPeopleAsync(1))[0];
        var users = Database.Services.GetRequiredService<UserService>();
        await users.UpdateAsync(await Demo.CallerAsync("admin@contoso.com"), person.Id,
            new UserProfile(person.DisplayName, person.FirstName, person.LastName, "Quality", person.JobTitle, person.UsageLocation), None);

        var group = await Scenario.Groups.CreateAsync(admin, "Quality", "user.department -eq \"Quality\"", None);
        await Scenario.Groups.SetLicensesAsync(admin, group, [ProductLicense.AllPlansOn(DemoTenant.E3)], None);
        await Scenario.ProcessAsync();

        Assert.Equal([person.Id], (await Scenario.Groups.GetAsync(admin, group, None)).Members.Select(m => m.UserId));
        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(person.Id));

        await users.UpdateAsync(await Demo.CallerAsync("admin@contoso.com"), person.Id,
            new UserProfile(person.DisplayName, person.FirstName, person.LastName, "Sales", person.JobTitle, person.UsageLocation), None);
        await Scenario.Processor.RefreshDynamicGroupsAsync(None);
        await Scenario.ProcessAsync();

        Assert.Empty((await Scenario.Groups.GetAsync(admin, group, None)).Members);
        Assert.Empty(await Demo.ProductsOfAsync(person.Id));
    }

    [Fact]
    public async Task TheDynamicRefresh_ReadsATenantsUsersOnce_HoweverManyDynamicGroupsItHas()
    {
        var admin = await Scenario.AdminAsync();
        foreach (var department in new[] { "Quality", "Sales", "Finance", "Legal" })
            await Scenario.Groups.CreateAsync(admin, department, $"user.department -eq \"{department}\"", None);

        using var usersRead = await CommandCounter.StartAsync(Database, sql => sql.Contains("DirectoryUsers"));
        await Scenario.Processor.RefreshDynamicGroupsAsync(None);

        Assert.Equal(1, usersRead.Count);
    }

    [Fact]
    public async Task ABadRule_IsRefusedWithItsMessage_AndNoGroupIsCreated()
    {
        var admin = await Scenario.AdminAsync();

        var refused = await Assert.ThrowsAnyAsync<DomainException>(() => Scenario.Groups.CreateAsync(admin, "Quality", "user.city -eq \"Aarhus\"", None));

        Assert.StartsWith("The membership rule is not valid at position 1: 'user.city'", refused.Message);
        Assert.Empty(await Scenario.Groups.ListAsync(admin, None));
    }

    [Fact]
    public async Task MembersOfADynamicGroup_CannotBeAddedByHand()
    {
        var admin = await Scenario.AdminAsync();
        var group = await Scenario.Groups.CreateAsync(admin, "Sales people", "user.department -eq \"Sales\"", None);

        var people = await PeopleAsync(1);
        var refused = await Assert.ThrowsAnyAsync<DomainException>(() => Scenario.Groups.AddMembersAsync(admin, group, people, None));

        Assert.Equal("The members of Sales people follow its membership rule; they cannot be added or removed by hand.", refused.Message);
    }

    [Fact]
    public async Task AnAdminWithoutLicenseRights_CannotCreateAGroup()
    {
        var billing = await Demo.CallerAsync("billing@contoso.com");

        await Assert.ThrowsAnyAsync<Exception>(() => Scenario.Groups.CreateAsync(billing, "Sales", null, None));

        Assert.Empty(await Scenario.Groups.ListAsync(await Scenario.AdminAsync(), None));
    }

    [Fact]
    public async Task ACrashMidBatch_WritesNothing_AndTheNextRunFinishesTheWork()
    {
        var admin = await Scenario.AdminAsync();
        var people = await PeopleAsync(3);
        var group = await Scenario.Groups.CreateAsync(admin, "Sales", null, None);
        await Scenario.Groups.AddMembersAsync(admin, group, people, None);
        await Scenario.Groups.SetLicensesAsync(admin, group, [ProductLicense.AllPlansOn(DemoTenant.E3)], None);
        Scenario.Processor.BeforeCommit = _ => throw new InvalidOperationException("The server stopped.");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Scenario.Processor.RunOnceAsync(None));

        Assert.All(people, p => Assert.Empty(Demo.ProductsOfAsync(p).Result));
        Assert.Equal(3, await Scenario.QueuedAsync());
        Assert.Equal((25, 20, 20), await Demo.SeatsAsync(DemoTenant.E3));

        Scenario.Processor.BeforeCommit = null;
        await Scenario.ProcessAsync();

        Assert.All(people, p => Assert.Equal([DemoTenant.E3], Demo.ProductsOfAsync(p).Result));
        Assert.Equal((25, 23, 23), await Demo.SeatsAsync(DemoTenant.E3));
        Assert.Equal(3, (await Scenario.AuditAsync(AuditAction.ChangeUserLicense)).Count);
    }

    [Fact]
    public async Task TwoProcessorsOnOneDatabase_ProcessEveryMemberOnce()
    {
        var admin = await Scenario.AdminAsync();
        var people = await PeopleAsync(4);
        var group = await Scenario.Groups.CreateAsync(admin, "Sales", null, None);
        await Scenario.Groups.AddMembersAsync(admin, group, people, None);
        await Scenario.Groups.SetLicensesAsync(admin, group, [ProductLicense.AllPlansOn(DemoTenant.E3)], None);
        await using var secondHost = Database.AnotherInstance(out _);
        var processors = new[] { Scenario.Processor, secondHost.GetRequiredService<GroupLicenseProcessor>() };

        var runs = await Task.WhenAll(processors.Select(p => Task.Run(() => p.RunOnceAsync(None))));
        // Whichever ran second found the lease held or nothing left; a last run changes nothing.
        await Scenario.ProcessAsync();

        Assert.Equal(4, runs.Sum(r => r.Users));
        Assert.All(people, p => Assert.Equal([DemoTenant.E3], Demo.ProductsOfAsync(p).Result));
        Assert.Equal((25, 24, 24), await Demo.SeatsAsync(DemoTenant.E3));
        Assert.Equal(4, (await Scenario.AuditAsync(AuditAction.ChangeUserLicense)).Count);
        Assert.Single(await Scenario.AuditAsync(AuditAction.FinishGroupLicensing));
    }
}
