using System.Net;
using System.Text.Json;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.GraphApi;

/// <summary>/v1.0/groups as Graph shapes it, on the group service: list, get, create, delete, members by $ref.</summary>
public sealed class GraphGroupEndpointTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    private static readonly Guid E3 = Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900");

    private static string NotFound(object id) => $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.";

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..30];

    [Fact]
    public async Task CreatingAStaticGroup_Answers201_WithTheGroup_AndGetShowsItWithNoLicenses()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadWriteAll);
        var name = Unique("Sales");

        var created = await client.PostAsync("/v1.0/groups", GraphTestUsers.Json($$"""{"displayName":"{{name}}","mailEnabled":false,"mailNickname":"sales","securityEnabled":true}"""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetString();
        Assert.Equal(name, body.RootElement.GetProperty("displayName").GetString());
        Assert.Empty(body.RootElement.GetProperty("groupTypes").EnumerateArray());
        Assert.True(body.RootElement.GetProperty("securityEnabled").GetBoolean());
        using var got = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{id}"));
        Assert.Equal(name, got.RootElement.GetProperty("displayName").GetString());
        Assert.Empty(got.RootElement.GetProperty("assignedLicenses").EnumerateArray());
    }

    [Fact]
    public async Task CreatingADynamicGroup_KeepsItsRule_AndABadRuleIs400_WithTheParsersMessage()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadWriteAll);
        var name = Unique("Danes");

        var created = await client.PostAsync("/v1.0/groups", GraphTestUsers.Json($$"""
            {"displayName":"{{name}}","groupTypes":["DynamicMembership"],"membershipRule":"user.usageLocation -eq \"DK\"","membershipRuleProcessingState":"On"}
            """));
        var bad = await client.PostAsync("/v1.0/groups", GraphTestUsers.Json($$"""
            {"displayName":"{{Unique("Bad")}}","groupTypes":["DynamicMembership"],"membershipRule":"user.shoeSize -eq \"42\""}
            """));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal(["DynamicMembership"], body.RootElement.GetProperty("groupTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("user.usageLocation -eq \"DK\"", body.RootElement.GetProperty("membershipRule").GetString());
        var error = await GraphErrorAssert.IsAsync(bad, HttpStatusCode.BadRequest, "Request_BadRequest",
            "The membership rule is not valid at position 1: 'user.shoeSize' is not a property a rule can use (user.department, user.usageLocation, user.jobTitle, user.accountEnabled).");
    }

    [Fact]
    public async Task DeletingAGroupThatGivesLicenses_IsRefusedWithTheServicesMessage_AndAGroupWithoutIsDeleted()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadWriteAll);
        var groups = api.Factory.Services.GetRequiredService<GroupService>();
        var admin = await api.GlobalAdminAsync();
        var licensedName = Unique("Licensed");
        var licensed = await groups.CreateAsync(admin, licensedName, null, CancellationToken.None);
        await groups.SetLicensesAsync(admin, licensed, [new ProductLicense(E3, [])], CancellationToken.None);
        var plain = await groups.CreateAsync(admin, Unique("Plain"), null, CancellationToken.None);

        var refused = await client.DeleteAsync($"/v1.0/groups/{licensed}");
        var deleted = await client.DeleteAsync($"/v1.0/groups/{plain}");
        var gone = await client.GetAsync($"/v1.0/groups/{plain}");

        await GraphErrorAssert.IsAsync(refused, HttpStatusCode.BadRequest, "Request_BadRequest",
            $"The group {licensedName} gives licenses ({await ProductNameAsync(E3)}). Remove its licenses before deleting it.");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await GraphErrorAssert.IsAsync(gone, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(plain));
        using var got = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{licensed}"));
        var license = Assert.Single(got.RootElement.GetProperty("assignedLicenses").EnumerateArray());
        Assert.Equal(E3.ToString(), license.GetProperty("skuId").GetString());
    }

    [Fact]
    public async Task Members_AreAddedByRef_ListedAsUsers_AndRemovedByRef()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupMemberReadWriteAll);
        var admin = await api.GlobalAdminAsync();
        var group = await api.Factory.Services.GetRequiredService<GroupService>().CreateAsync(admin, Unique("Team"), null, CancellationToken.None);
        var user = await GraphTestUsers.UnlicensedAsync(api, 5);

        var added = await client.PostAsync($"/v1.0/groups/{group}/members/$ref",
            GraphTestUsers.Json($$"""{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/{{user}}"}"""));
        using var members = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{group}/members"));
        var removed = await client.DeleteAsync($"/v1.0/groups/{group}/members/{user}/$ref");
        var again = await client.DeleteAsync($"/v1.0/groups/{group}/members/{user}/$ref");
        using var after = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{group}/members"));

        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        var member = Assert.Single(members.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(user.ToString(), member.GetProperty("id").GetString());
        Assert.Equal("#microsoft.graph.user", member.GetProperty("@odata.type").GetString());
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await GraphErrorAssert.IsAsync(again, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(user));
        Assert.Empty(after.RootElement.GetProperty("value").EnumerateArray());
    }

    [Fact]
    public async Task AddingAnUnknownUserOrAMemberOfADynamicGroup_IsRefused()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadWriteAll);
        var admin = await api.GlobalAdminAsync();
        var groups = api.Factory.Services.GetRequiredService<GroupService>();
        var staticGroup = await groups.CreateAsync(admin, Unique("Static"), null, CancellationToken.None);
        var dynamicName = Unique("Dynamic");
        var dynamicGroup = await groups.CreateAsync(admin, dynamicName, "user.department -eq \"Nowhere\"", CancellationToken.None);
        var unknown = Guid.NewGuid();
        var user = await GraphTestUsers.UnlicensedAsync(api, 6);

        var unknownUser = await client.PostAsync($"/v1.0/groups/{staticGroup}/members/$ref",
            GraphTestUsers.Json($$"""{"@odata.id":"https://graph.microsoft.com/v1.0/users/{{unknown}}"}"""));
        var toDynamic = await client.PostAsync($"/v1.0/groups/{dynamicGroup}/members/$ref",
            GraphTestUsers.Json($$"""{"@odata.id":"https://graph.microsoft.com/v1.0/users/{{user}}"}"""));

        await GraphErrorAssert.IsAsync(unknownUser, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(unknown));
        await GraphErrorAssert.IsAsync(toDynamic, HttpStatusCode.BadRequest, "Request_BadRequest",
            $"The members of {dynamicName} follow its membership rule; they cannot be added or removed by hand.");
    }

    [Fact]
    public async Task ListFilteredOnLicenseErrors_ShowsOnlyGroupsWithMembersInError_AndAnotherFilterIsUnsupported()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadAll);
        var admin = await api.GlobalAdminAsync();
        var groups = api.Factory.Services.GetRequiredService<GroupService>();
        var name = Unique("Listed");
        var group = await groups.CreateAsync(admin, name, null, CancellationToken.None);

        using var all = JsonDocument.Parse(await client.GetStringAsync("/v1.0/groups"));
        using var withErrors = JsonDocument.Parse(await client.GetStringAsync("/v1.0/groups?$filter=hasMembersWithLicenseErrors eq true"));
        var unsupported = await client.GetAsync("/v1.0/groups?$filter=mailNickname eq 'x'");

        Assert.Contains(all.RootElement.GetProperty("value").EnumerateArray(), g => g.GetProperty("id").GetString() == group.ToString());
        Assert.All(withErrors.RootElement.GetProperty("value").EnumerateArray(), g => Assert.True(g.GetProperty("hasMembersWithLicenseErrors").GetBoolean()));
        Assert.DoesNotContain(withErrors.RootElement.GetProperty("value").EnumerateArray(), g => g.GetProperty("id").GetString() == group.ToString());
        await GraphErrorAssert.IsAsync(unsupported, HttpStatusCode.BadRequest, "Request_UnsupportedQuery",
            "Filtering groups on the property 'mailNickname' is not supported; filter on displayName or hasMembersWithLicenseErrors.");
    }

    [Fact]
    public async Task WritingGroups_WithOnlyGroupReadAll_Is403_AndAnotherTenantsGroupIs404()
    {
        var reader = await api.ClientWithAsync(ApiPermissions.GroupReadAll);
        var writer = await api.ClientWithAsync(ApiPermissions.GroupReadWriteAll);
        var fabrikamAdmin = await api.GlobalAdminAsync(DemoDataSeeder.FabrikamId, "admin@fabrikam.com");
        var theirs = await api.Factory.Services.GetRequiredService<GroupService>().CreateAsync(fabrikamAdmin, Unique("Theirs"), null, CancellationToken.None);

        var create = await reader.PostAsync("/v1.0/groups", GraphTestUsers.Json("""{"displayName":"Nope"}"""));
        var read = await writer.GetAsync($"/v1.0/groups/{theirs}");
        var members = await writer.GetAsync($"/v1.0/groups/{theirs}/members");
        var delete = await writer.DeleteAsync($"/v1.0/groups/{theirs}");

        await GraphErrorAssert.IsAsync(create, HttpStatusCode.Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        await GraphErrorAssert.IsAsync(read, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(theirs));
        await GraphErrorAssert.IsAsync(members, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(theirs));
        await GraphErrorAssert.IsAsync(delete, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(theirs));
        await using var db = await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.FabrikamId, CancellationToken.None);
        Assert.True(await db.Groups.AnyAsync(g => g.Id == theirs));
    }

    [Theory]
    [InlineData("""{"addLicenses":[],"removeLicenses":[],"notify":true}""",
        "The parameter 'notify' in the request payload is not a valid parameter for the operation 'assignLicense'.")]
    [InlineData("""{"addLicenses":[{"skuId":"6fd2c87f-b296-42f0-b197-1e91e994b900","disabledPlan":["a23b959c-7ce8-4e57-9140-b90eb88a9e97"]}],"removeLicenses":[]}""",
        "Property 'disabledPlan' does not exist on type 'microsoft.graph.assignedLicense'.")]
    [InlineData("""{"addLicenses":[]}""", "The request body must carry both addLicenses and removeLicenses (either may be empty).")]
    public async Task AssignLicense_WithABodyGraphWouldRefuse_Is400_NamingTheProblem_AndTheGroupGivesNothing(string body, string message)
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadWriteAll);
        var admin = await api.GlobalAdminAsync();
        var group = await api.Factory.Services.GetRequiredService<GroupService>().CreateAsync(admin, Unique("Misspelt"), null, CancellationToken.None);

        var response = await client.PostAsync($"/v1.0/groups/{group}/assignLicense", GraphTestUsers.Json(body));
        using var after = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{group}"));

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest", message);
        Assert.Empty(after.RootElement.GetProperty("assignedLicenses").EnumerateArray());
    }

    [Fact]
    public async Task AssignLicense_AddsWithDisabledPlans_ThenRemoves_AndAnUnknownSkuChangesNothing()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadWriteAll);
        var admin = await api.GlobalAdminAsync();
        var group = await api.Factory.Services.GetRequiredService<GroupService>().CreateAsync(admin, Unique("Licensing"), null, CancellationToken.None);
        const string Avatars = "dcf9d2f4-772e-4434-b757-77a453cfbc02";

        var added = await client.PostAsync($"/v1.0/groups/{group}/assignLicense", GraphTestUsers.Json($$"""
            {"addLicenses":[{"skuId":"{{E3}}","disabledPlans":["{{Avatars}}"]}],"removeLicenses":[]}
            """));
        using var addedBody = JsonDocument.Parse(await added.Content.ReadAsStringAsync());
        var unknown = await client.PostAsync($"/v1.0/groups/{group}/assignLicense", GraphTestUsers.Json($$"""
            {"addLicenses":[{"skuId":"{{Guid.Empty}}","disabledPlans":[]}],"removeLicenses":["{{E3}}"]}
            """));
        using var afterUnknown = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{group}"));
        var removed = await client.PostAsync($"/v1.0/groups/{group}/assignLicense", GraphTestUsers.Json($$"""{"addLicenses":[],"removeLicenses":["{{E3}}"]}"""));
        using var removedBody = JsonDocument.Parse(await removed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var license = Assert.Single(addedBody.RootElement.GetProperty("assignedLicenses").EnumerateArray());
        Assert.Equal(E3.ToString(), license.GetProperty("skuId").GetString());
        Assert.Equal([Avatars], license.GetProperty("disabledPlans").EnumerateArray().Select(p => p.GetString()));
        var error = await GraphErrorAssert.IsAsync(unknown, HttpStatusCode.BadRequest, "Request_BadRequest", UnknownSkuMessage);
        Assert.Single(afterUnknown.RootElement.GetProperty("assignedLicenses").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty(removedBody.RootElement.GetProperty("assignedLicenses").EnumerateArray());
    }

    private static readonly string UnknownSkuMessage = LicenseAdmin.Domain.Licensing.Planning.ViolationMessages.UnknownProduct(Guid.Empty).Reason.ToString();

    [Fact]
    public async Task MembersWithLicenseErrors_IsEmptyForAGroupWithoutErrors_AndReprocess_AnswersWithTheUser_OrA404()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadAll | ApiPermissions.LicenseAssignmentReadWriteAll);
        var admin = await api.GlobalAdminAsync();
        var group = await api.Factory.Services.GetRequiredService<GroupService>().CreateAsync(admin, Unique("Clean"), null, CancellationToken.None);
        var user = await GraphTestUsers.UnlicensedAsync(api, 7);
        var unknown = Guid.NewGuid();

        using var errors = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{group}/membersWithLicenseErrors"));
        var reprocessed = await client.PostAsync($"/v1.0/users/{user}/reprocessLicenseAssignment", null);
        using var reprocessedBody = JsonDocument.Parse(await reprocessed.Content.ReadAsStringAsync());
        var missing = await client.PostAsync($"/v1.0/users/{unknown}/reprocessLicenseAssignment", null);
        var missingGroup = await client.GetAsync($"/v1.0/groups/{unknown}/membersWithLicenseErrors");

        Assert.Empty(errors.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, reprocessed.StatusCode);
        Assert.Equal(user.ToString(), reprocessedBody.RootElement.GetProperty("id").GetString());
        await GraphErrorAssert.IsAsync(missing, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(unknown));
        await GraphErrorAssert.IsAsync(missingGroup, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(unknown));
    }

    private async Task<string> ProductNameAsync(Guid productId)
    {
        await using var db = await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.Products.Where(p => p.Id == productId).Select(p => p.DisplayName).SingleAsync();
    }
}
