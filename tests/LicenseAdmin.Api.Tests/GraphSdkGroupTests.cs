using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph;
using Microsoft.Graph.Groups.Item.AssignLicense;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace LicenseAdmin.Api.Tests;

/// <summary>
/// Group-based licensing scripts written for Microsoft Graph, run with the official .NET SDK (Microsoft.Graph 6.10.0):
/// license a group, find the members in a license error, read a user's licenseAssignmentStates, buy seats and reprocess.
/// Its own portal and database: it uses up the demo tenant's last E5 seat.
/// </summary>
public sealed class GraphSdkGroupTests(GraphSdkHost host) : IClassFixture<GraphSdkHost>
{
    [Fact]
    public async Task AGroupLicenseWithTooFewSeats_ShowsTheMemberInError_UntilSeatsAreBoughtAndTheUserIsReprocessed()
    {
        var graph = await host.GraphAsync(ApiPermissions.GroupReadWriteAll | ApiPermissions.UserReadAll | ApiPermissions.LicenseAssignmentReadWriteAll);
        await using var db = await host.ContosoAsync();
        var e5 = await db.Products.Where(p => p.PartNumber == "ENTERPRISEPREMIUM").Select(p => p.Id).SingleAsync();
        var people = (await host.UnlicensedUsersAsync()).Take(2).ToList();

        var group = await graph.Groups.PostAsync(new Group
        {
            DisplayName = "E5 pilot", MailEnabled = false, MailNickname = "e5pilot", SecurityEnabled = true,
        });
        foreach (var person in people)
            await graph.Groups[group!.Id].Members.Ref.PostAsync(new ReferenceCreate { OdataId = $"{host.BaseUrl}/v1.0/directoryObjects/{person}" });
        // One E5 seat is free in the demo tenant: one of the two members cannot get it.
        await graph.Groups[group!.Id].AssignLicense.PostAsync(new AssignLicensePostRequestBody
        {
            AddLicenses = [new AssignedLicense { SkuId = e5, DisabledPlans = [] }], RemoveLicenses = [],
        });
        await ProcessAllAsync();

        var inError = await graph.Groups[group.Id].MembersWithLicenseErrors.GetAsync();
        var failed = Assert.IsType<User>(Assert.Single(inError!.Value!));
        var groupsWithErrors = await graph.Groups.GetAsync(r => r.QueryParameters.Filter = "hasMembersWithLicenseErrors eq true");
        var states = await graph.Users[failed.Id].GetAsync(r => r.QueryParameters.Select = ["id", "licenseAssignmentStates"]);

        Assert.Contains(groupsWithErrors!.Value!, g => g.Id == group.Id && g.HasMembersWithLicenseErrors == true);
        var error = Assert.Single(states!.LicenseAssignmentStates!);
        Assert.Equal((e5, group.Id, "Error", "CountViolation"), (error.SkuId, error.AssignedByGroup, error.State, error.Error));

        await host.Portal.Services.GetRequiredService<SubscriptionService>().BuyAsync(await AdminAsync(), e5, 1, null, CancellationToken.None);
        var reprocessed = await graph.Users[failed.Id].ReprocessLicenseAssignment.PostAsync();
        await ProcessAllAsync();
        var after = await graph.Users[failed.Id].GetAsync(r => r.QueryParameters.Select = ["licenseAssignmentStates", "assignedLicenses"]);
        var noneInError = await graph.Groups[group.Id].MembersWithLicenseErrors.GetAsync();

        Assert.Equal(failed.Id, reprocessed!.Id);
        var active = Assert.Single(after!.LicenseAssignmentStates!);
        Assert.Equal((e5, group.Id, "Active", "None"), (active.SkuId, active.AssignedByGroup, active.State, active.Error));
        Assert.NotNull(active.LastUpdatedDateTime);
        Assert.Equal(e5, Assert.Single(after.AssignedLicenses!).SkuId);
        Assert.Empty(noneInError!.Value!);
    }

    [Fact]
    public async Task RemovingAProductTheGroupDoesNotGive_IsAnODataError_NamingTheSku()
    {
        var graph = await host.GraphAsync(ApiPermissions.GroupReadWriteAll);
        await using var db = await host.ContosoAsync();
        var e3 = await db.Products.Where(p => p.PartNumber == "ENTERPRISEPACK").Select(p => p.Id).SingleAsync();
        var group = await graph.Groups.PostAsync(new Group { DisplayName = "Nothing given", MailEnabled = false, MailNickname = "nothing", SecurityEnabled = true });

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Groups[group!.Id].AssignLicense.PostAsync(
            new AssignLicensePostRequestBody { AddLicenses = [], RemoveLicenses = [e3] }));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Equal("Request_BadRequest", error.Error!.Code);
        Assert.Equal("The group Nothing given does not give Office 365 E3, so it cannot be removed from the group.", error.Error.Message);
    }

    private async Task<Caller> AdminAsync()
    {
        await using var db = await host.ContosoAsync();
        var admin = await db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.UserPrincipalName == "admin@contoso.com" && u.DeletedUtc == null);
        return new Caller(admin.TenantId, admin.Id, admin.UserPrincipalName, admin.Roles);
    }

    private async Task ProcessAllAsync()
    {
        var processor = host.Portal.Services.GetRequiredService<GroupLicenseProcessor>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await processor.RunOnceAsync(CancellationToken.None);
            await using var db = await host.Portal.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
            if (!await db.GroupLicensingQueue.IgnoreQueryFilters().AnyAsync()) return;
            await Task.Delay(100);
        }
        Assert.Fail("The group licensing queue did not empty.");
    }
}
