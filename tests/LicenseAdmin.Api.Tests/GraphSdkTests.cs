using LicenseAdmin.Domain.Apps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace LicenseAdmin.Api.Tests;

/// <summary>
/// Scripts written for Microsoft Graph, run against LicenseAdmin with the official .NET SDK (Microsoft.Graph 6.10.0)
/// by changing only the base URL and the token.
/// </summary>
public sealed class GraphSdkTests(GraphSdkHost host) : IClassFixture<GraphSdkHost>
{
    private static readonly Guid E3 = Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900");
    private static readonly Guid AppsForEnterprise = Guid.Parse("c2273bd0-dff7-4215-9ef5-2c7bcfb06425");
    private static readonly Guid AvatarsForTeams = Guid.Parse("dcf9d2f4-772e-4434-b757-77a453cfbc02");

    [Fact]
    public async Task ListingUsers_WithFilterSelectAndTop_PagesThroughEveryMatch_WithThePageIterator()
    {
        var graph = await host.GraphAsync(ApiPermissions.UserReadAll);
        await using var db = await host.ContosoAsync();
        var expected = await db.DirectoryUsers.Where(u => u.DeletedUtc == null && u.UsageLocation == "DK").Select(u => u.Id).ToListAsync();

        var first = await graph.Users.GetAsync(r =>
        {
            r.QueryParameters.Filter = "usageLocation eq 'DK'";
            r.QueryParameters.Select = ["id", "displayName", "usageLocation"];
            r.QueryParameters.Top = 5;
        });
        var seen = new List<User>();
        var pages = PageIterator<User, UserCollectionResponse>.CreatePageIterator(graph, first!, user =>
        {
            seen.Add(user);
            return true;
        });
        await pages.IterateAsync();

        Assert.Equal(5, first!.Value!.Count);
        Assert.NotNull(first.OdataNextLink);
        Assert.Equal(expected.Order(), seen.Select(u => Guid.Parse(u.Id!)).Order());
        Assert.All(seen, u => Assert.Equal("DK", u.UsageLocation));
        Assert.All(seen, u => Assert.Null(u.UserPrincipalName));
    }

    [Fact]
    public async Task TheUnlicensedFilter_WithCountAndEventualConsistency_MatchesTheDatabase()
    {
        var graph = await host.GraphAsync(ApiPermissions.UserReadAll);
        await using var db = await host.ContosoAsync();
        var unlicensed = await db.DirectoryUsers.LongCountAsync(u => u.DeletedUtc == null && !db.LicenseAssignments.Any(a => a.UserId == u.Id));

        var page = await graph.Users.GetAsync(r =>
        {
            r.QueryParameters.Filter = "assignedLicenses/$count eq 0";
            r.QueryParameters.Count = true;
            r.QueryParameters.Select = ["id", "assignedLicenses"];
            r.Headers.Add("ConsistencyLevel", "eventual");
        });
        var count = await graph.Users.Count.GetAsync(r =>
        {
            r.QueryParameters.Filter = "assignedLicenses/$count eq 0";
            r.Headers.Add("ConsistencyLevel", "eventual");
        });

        Assert.Equal(unlicensed, page!.OdataCount);
        Assert.Equal((int)unlicensed, count);
        Assert.All(page.Value!, u => Assert.Empty(u.AssignedLicenses!));
    }

    [Fact]
    public async Task SubscribedSkus_ShowSeatsAndPlans()
    {
        var graph = await host.GraphAsync(ApiPermissions.OrganizationReadAll);

        var skus = await graph.SubscribedSkus.GetAsync();

        var e3 = Assert.Single(skus!.Value!, s => s.SkuId == E3);
        Assert.Equal("ENTERPRISEPACK", e3.SkuPartNumber);
        Assert.Equal(25, e3.PrepaidUnits!.Enabled);
        Assert.Contains(e3.ServicePlans!, p => p.ServicePlanId == AvatarsForTeams);
    }

    [Fact]
    public async Task CreateAssignWithADisabledPlan_ReadLicenseDetails_ThenRemove()
    {
        var graph = await host.GraphAsync(ApiPermissions.UserReadWriteAll | ApiPermissions.LicenseAssignmentReadWriteAll);

        var created = await graph.Users.PostAsync(new User
        {
            AccountEnabled = true, DisplayName = "Sara Kit", MailNickname = "sara.kit", UserPrincipalName = "sara.kit@contoso.com", UsageLocation = "DK",
            PasswordProfile = new PasswordProfile { Password = "xWwvJ]6NMw+bWH-d", ForceChangePasswordNextSignIn = true },
        });
        var assigned = await graph.Users[created!.Id].AssignLicense.PostAsync(new Microsoft.Graph.Users.Item.AssignLicense.AssignLicensePostRequestBody
        {
            AddLicenses = [new AssignedLicense { SkuId = E3, DisabledPlans = [AvatarsForTeams] }],
            RemoveLicenses = [],
        });
        var details = await graph.Users[created.Id].LicenseDetails.GetAsync();
        await graph.Users[created.Id].AssignLicense.PostAsync(new Microsoft.Graph.Users.Item.AssignLicense.AssignLicensePostRequestBody
        {
            AddLicenses = [],
            RemoveLicenses = [E3],
        });
        var after = await graph.Users[created.Id].GetAsync(r => r.QueryParameters.Select = ["id", "assignedLicenses"]);

        Assert.Equal("sara.kit@contoso.com", created.UserPrincipalName);
        Assert.Equal(created.Id, assigned!.Id);
        var detail = Assert.Single(details!.Value!);
        Assert.Equal("ENTERPRISEPACK", detail.SkuPartNumber);
        Assert.Equal("Disabled", detail.ServicePlans!.Single(p => p.ServicePlanId == AvatarsForTeams).ProvisioningStatus);
        Assert.Empty(after!.AssignedLicenses!);
    }

    [Fact]
    public async Task ARefusedAssignment_IsAnODataError_WithTheRuleMessage()
    {
        var graph = await host.GraphAsync(ApiPermissions.LicenseAssignmentReadWriteAll);
        var user = (await host.UnlicensedUsersAsync())[0];
        var unknownPlan = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users[user.ToString()].AssignLicense.PostAsync(
            new Microsoft.Graph.Users.Item.AssignLicense.AssignLicensePostRequestBody
            {
                AddLicenses = [new AssignedLicense { SkuId = E3, DisabledPlans = [unknownPlan] }],
                RemoveLicenses = [],
            }));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Equal("Request_BadRequest", error.Error!.Code);
        Assert.StartsWith("Nothing was changed.", error.Error.Message);
        Assert.Contains(unknownPlan.ToString(), error.Error.Message);
    }

    [Fact]
    public async Task ABatch_OfTheSdk_IsAnsweredPerRequest()
    {
        var graph = await host.GraphAsync(ApiPermissions.UserReadAll | ApiPermissions.OrganizationReadAll);
        var batch = new Microsoft.Graph.BatchRequestContentCollection(graph);
        var users = await batch.AddBatchRequestStepAsync(graph.Users.ToGetRequestInformation(r =>
        {
            r.QueryParameters.Top = 3;
            r.QueryParameters.Filter = "usageLocation eq 'DK'";
        }));
        var skus = await batch.AddBatchRequestStepAsync(graph.SubscribedSkus.ToGetRequestInformation());

        var response = await graph.Batch.PostAsync(batch);

        var page = await response.GetResponseByIdAsync<UserCollectionResponse>(users);
        var products = await response.GetResponseByIdAsync<SubscribedSkuCollectionResponse>(skus);
        Assert.Equal(3, page.Value!.Count);
        Assert.Contains(products.Value!, s => s.SkuId == E3);
    }

    [Fact]
    public async Task DeleteAndRestore_BringsTheUserBack_WithTheirLicense()
    {
        var graph = await host.GraphAsync(ApiPermissions.UserReadWriteAll | ApiPermissions.LicenseAssignmentReadWriteAll);
        var user = (await host.UnlicensedUsersAsync())[1].ToString();
        await graph.Users[user].AssignLicense.PostAsync(new Microsoft.Graph.Users.Item.AssignLicense.AssignLicensePostRequestBody
        {
            AddLicenses = [new AssignedLicense { SkuId = AppsForEnterprise, DisabledPlans = [] }],
            RemoveLicenses = [],
        });

        await graph.Users[user].DeleteAsync();
        var deleted = await graph.Directory.DeletedItems.GraphUser.GetAsync();
        var restored = await graph.Directory.DeletedItems[user].Restore.PostAsync();
        var back = await graph.Users[user].GetAsync(r => r.QueryParameters.Select = ["id", "assignedLicenses"]);

        Assert.Contains(deleted!.Value!, u => u.Id == user);
        Assert.Equal(user, Assert.IsType<User>(restored).Id);
        Assert.Equal(AppsForEnterprise, Assert.Single(back!.AssignedLicenses!).SkuId);
    }
}
