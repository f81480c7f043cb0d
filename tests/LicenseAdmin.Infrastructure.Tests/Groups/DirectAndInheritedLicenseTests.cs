using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Groups;

/// <summary>
/// A license both direct and inherited: removing it on the user (panel, bulk "Remove all", Graph's assignLicense)
/// removes the direct part only; the license and its seat stay from the group, and the admin is told so.
/// </summary>
public sealed class DirectAndInheritedLicenseTests : DemoDatabaseTest
{
    private static readonly CancellationToken None = CancellationToken.None;

    private GroupScenario Scenario => new(Database, Demo);
    private LicenseService Licenses => Database.Services.GetRequiredService<LicenseService>();

    /// <summary>A person holding E3 directly (Skype and Sway off) and from the group Sales (Skype off).</summary>
    private async Task<(Guid Person, string Upn, Guid Skype)> DirectAndInheritedAsync()
    {
        var admin = await Scenario.AdminAsync();
        var person = (await Demo.UnlicensedPeopleAsync(1))[0];
        var skype = await Demo.PlanIdAsync("MCOSTANDARD");
        var sway = await Demo.PlanIdAsync("SWAY");
        await Licenses.AssignAsync(admin, person.Id, DemoTenant.E3, [skype, sway], None);
        await Scenario.LicensedGroupAsync("Sales", [person.Id], new ProductLicense(DemoTenant.E3, [skype]));
        Assert.Equal((25, 21, 21), await Demo.SeatsAsync(DemoTenant.E3));
        return (person.Id, person.UserPrincipalName, skype);
    }

    private async Task AssertInheritedOnlyAsync(Guid person, Guid skype)
    {
        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(person));
        Assert.Equal([skype], await Demo.DisabledPlansAsync(person, DemoTenant.E3));
        Assert.Equal((false, (IReadOnlyList<Guid>?)null), await Scenario.SourceAsync(person, DemoTenant.E3));
        Assert.Single(await Scenario.InheritedFromAsync(person, DemoTenant.E3));
        Assert.Equal((25, 21, 21), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task RemovingIt_RemovesTheDirectPartOnly_KeepsTheSeat_AndSaysItStays()
    {
        var (person, upn, skype) = await DirectAndInheritedAsync();

        var result = await Licenses.RemoveAsync(await Scenario.AdminAsync(), person, DemoTenant.E3, None);

        Assert.Equal($"{upn}: Office 365 E3 stays: it is inherited from the group Sales.", Assert.Single(result.Kept).ToString());
        await AssertInheritedOnlyAsync(person, skype);
        var audit = (await Scenario.AuditAsync(AuditAction.ChangeUserLicense)).Last();
        Assert.Equal($"{upn}: Office 365 E3 stays: it is inherited from the group Sales.", audit.Detail);
    }

    [Fact]
    public async Task SavingTheUserPanelWithoutIt_RemovesTheDirectPartOnly()
    {
        var (person, upn, skype) = await DirectAndInheritedAsync();

        var result = await Licenses.SetLicensesAsync(await Scenario.AdminAsync(), person, [], None);

        Assert.Equal($"{upn}: Office 365 E3 stays: it is inherited from the group Sales.", Assert.Single(result.Kept).ToString());
        await AssertInheritedOnlyAsync(person, skype);
    }

    [Fact]
    public async Task BulkRemoveAll_RemovesTheDirectPartOnly_AndAnotherUsersDirectLicense()
    {
        var (person, upn, skype) = await DirectAndInheritedAsync();
        var other = (await Demo.UnlicensedPeopleAsync(1))[0].Id;
        await Licenses.AssignAsync(await Scenario.AdminAsync(), other, DemoTenant.E3, null, None);

        var result = await Licenses.ApplyAsync(await Scenario.AdminAsync(),
            new BulkLicenseRequest(BulkLicenseMode.RemoveAll, UserSelection.Of([person, other]), []), None);

        Assert.Equal(2, result.UsersChanged);
        Assert.Equal([$"{upn}: Office 365 E3 stays: it is inherited from the group Sales."], result.Kept.Select(k => k.ToString()));
        Assert.Empty(await Demo.ProductsOfAsync(other));
        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(person));
        Assert.Equal((false, (IReadOnlyList<Guid>?)null), await Scenario.SourceAsync(person, DemoTenant.E3));
        Assert.Equal([skype], await Demo.DisabledPlansAsync(person, DemoTenant.E3));
    }

    [Fact]
    public async Task GraphAssignLicenseRemovingIt_RemovesTheDirectPartOnly()
    {
        var (person, upn, skype) = await DirectAndInheritedAsync();

        var result = await Licenses.AddAndRemoveAsync(await Scenario.AdminAsync(), person, [], [DemoTenant.E3], None);

        Assert.Equal($"{upn}: Office 365 E3 stays: it is inherited from the group Sales.", Assert.Single(result.Kept).ToString());
        await AssertInheritedOnlyAsync(person, skype);
    }

    [Fact]
    public async Task AfterTheDirectPartIsRemoved_LeavingTheGroupTakesTheLicenseAndFreesTheSeat()
    {
        var (person, _, _) = await DirectAndInheritedAsync();
        await Licenses.RemoveAsync(await Scenario.AdminAsync(), person, DemoTenant.E3, None);
        var group = Assert.Single(await Scenario.Groups.ListAsync(await Scenario.AdminAsync(), None)).Id;

        await Scenario.Groups.RemoveMembersAsync(await Scenario.AdminAsync(), group, [person], None);
        await Scenario.ProcessAsync();

        Assert.Empty(await Demo.ProductsOfAsync(person));
        Assert.Equal((25, 20, 20), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task RemovingItAgain_WhenOnlyTheInheritedPartIsLeft_IsRefusedNamingTheGroup()
    {
        var (person, upn, skype) = await DirectAndInheritedAsync();
        await Licenses.RemoveAsync(await Scenario.AdminAsync(), person, DemoTenant.E3, None);

        var refused = await Assert.ThrowsAsync<LicenseChangeRefusedException>(() =>
            Licenses.RemoveAsync(Scenario.AdminAsync().Result, person, DemoTenant.E3, None));

        Assert.Equal($"Nothing was changed. {upn}: Office 365 E3 is inherited from the group Sales; remove or change it on the group.", refused.Message);
        await AssertInheritedOnlyAsync(person, skype);
    }
}
