using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Groups;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Groups;

/// <summary>A user's license sources as the API's licenseAssignmentStates read them, and a group's update in one change.</summary>
public sealed class LicenseAssignmentStateTests : DemoDatabaseTest
{
    private GroupScenario Scenario => new(Database, Demo);
    private UserQueryService Users => Database.Services.GetRequiredService<UserQueryService>();
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ADirectAndAnInheritedLicense_AreTwoStates_AndAMemberInErrorHasTheGroupsError()
    {
        var admin = await Scenario.AdminAsync();
        var people = (await Demo.UnlicensedPeopleAsync(7)).Select(u => u.Id).ToList();
        await Database.Services.GetRequiredService<LicenseService>().AddAndRemoveAsync(admin, people[0], [ProductLicense.AllPlansOn(DemoTenant.E3)], [], None);
        // E3 has 5 seats free before the direct one: the first member shares its seat, four more get one, the last two do not.
        var group = await Scenario.LicensedGroupAsync("Sales", people, ProductLicense.AllPlansOn(DemoTenant.E3));

        var both = (await Users.FindAsync(admin, people[0].ToString(), None))!.LicenseStates!;
        var members = await Scenario.Groups.GetAsync(admin, group, None);
        var failed = members.Members.First(m => m.Error is not null).UserId;
        var inError = (await Users.FindAsync(admin, failed.ToString(), None))!.LicenseStates!;

        Assert.Equal([(DemoTenant.E3, (Guid?)null, (GroupLicenseError?)null), (DemoTenant.E3, group, null)],
            both.Select(s => (s.ProductId, s.GroupId, s.Error)));
        Assert.All(both, s => Assert.NotNull(s.SinceUtc));
        var error = Assert.Single(inError);
        Assert.Equal((DemoTenant.E3, (Guid?)group, (GroupLicenseError?)GroupLicenseError.CountViolation, (DateTime?)null),
            (error.ProductId, error.GroupId, error.Error, error.SinceUtc));
    }

    [Fact]
    public async Task APageOfUsers_ReadsTheirLicenseStates_WithOneQuery_WhateverThePageSize()
    {
        var admin = await Scenario.AdminAsync();
        var people = (await Demo.UnlicensedPeopleAsync(30)).Select(u => u.Id).ToList();
        var group = await Scenario.LicensedGroupAsync("Everyone", people, ProductLicense.AllPlansOn(DemoTenant.E3));
        var members = new MemberOfGroup(group);

        async Task<(int Queries, int States)> ReadAsync(int top, bool states)
        {
            using var counter = await CommandCounter.StartAsync(Database);
            var page = await Users.ListAsync(admin, new UserQuery(members, UserField.DisplayName, false, top, null, false, states), None);
            Assert.Equal(top, page.Users.Count);
            return (counter.Count, page.Users.Sum(u => u.LicenseStates?.Count ?? 0));
        }

        var small = await ReadAsync(3, states: true);
        var large = await ReadAsync(30, states: true);
        var without = await ReadAsync(30, states: false);

        Assert.Equal(30, large.States);
        Assert.Equal(0, without.States);
        Assert.Equal(small.Queries, large.Queries);
        Assert.Equal(without.Queries + 1, large.Queries);
    }

    [Fact]
    public async Task UpdatingAGroup_RenamesItAndSetsItsRule_InOneAuditedChange_AndARefusalChangesNeither()
    {
        var admin = await Scenario.AdminAsync();
        var group = await Scenario.Groups.CreateAsync(admin, "Danes", "user.usageLocation -eq \"DK\"", None);
        await Scenario.Groups.CreateAsync(admin, "Taken", null, None);

        await Scenario.Groups.UpdateAsync(admin, group, "Swedes", setRule: true, "user.usageLocation -eq \"SE\"", None);
        var refused = await Assert.ThrowsAsync<LicenseAdmin.Domain.DomainException>(() =>
            Scenario.Groups.UpdateAsync(admin, group, "Taken", setRule: true, "user.usageLocation -eq \"NO\"", None));

        Assert.Equal("There is already a group named Taken.", refused.Message);
        var details = await Scenario.Groups.GetAsync(admin, group, None);
        Assert.Equal(("Swedes", "user.usageLocation -eq \"SE\""), (details.DisplayName, details.MembershipRule));
        var entries = (await Scenario.AuditAsync(AuditAction.UpdateGroup)).ToList();
        var update = Assert.Single(entries, e => e.Outcome == AuditOutcome.Succeeded);
        Assert.Single(entries, e => e.Outcome == AuditOutcome.Refused);
        Assert.Equal("Swedes", update.Target);
        Assert.Contains("Danes", update.Before);
        Assert.Contains("SE", update.After);
    }
}
