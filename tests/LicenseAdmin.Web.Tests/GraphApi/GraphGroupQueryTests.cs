using System.Net;
using System.Text.Json;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Groups;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.GraphApi;

/// <summary>
/// The group parts of the Graph API beyond create and delete: query options on /groups and /members, users'
/// licenseAssignmentStates with a member in a license error and its reprocess, removing a product a group does not give,
/// and PATCH /groups/{id}. Its own portal and database: the error tests use up the demo tenant's last E5 seat.
/// </summary>
public sealed class GraphGroupQueryTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    private static readonly Guid E3 = Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900");

    private static string NotFound(object id) => $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.";

    private GroupService Groups => api.Factory.Services.GetRequiredService<GroupService>();

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..30];

    private static List<string?> Ids(JsonDocument page) => page.RootElement.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("id").GetString()).ToList();

    [Fact]
    public async Task GroupsList_FiltersOnDisplayName_WithEqAndStartsWith_AndSelectsOnlyWhatIsAsked()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadAll);
        var admin = await api.GlobalAdminAsync();
        var prefix = $"Flt{Guid.NewGuid():N}"[..12];
        var north = await Groups.CreateAsync(admin, $"{prefix} North", null, CancellationToken.None);
        var south = await Groups.CreateAsync(admin, $"{prefix} South", null, CancellationToken.None);
        await Groups.CreateAsync(admin, Unique("Other"), null, CancellationToken.None);

        using var starts = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups?$filter=startsWith(displayName,'{prefix}')&$select=id,displayName"));
        using var equal = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups?$filter=displayName eq '{prefix} South'"));
        using var either = JsonDocument.Parse(await client.GetStringAsync(
            $"/v1.0/groups?$filter=displayName eq '{prefix} South' or displayName eq '{prefix} North'&$orderby=displayName"));

        Assert.Equal([north.ToString(), south.ToString()], Ids(starts));
        Assert.All(starts.RootElement.GetProperty("value").EnumerateArray(),
            g => Assert.Equal(["id", "displayName"], g.EnumerateObject().Select(p => p.Name)));
        Assert.Equal([south.ToString()], Ids(equal));
        Assert.False(equal.RootElement.GetProperty("value")[0].GetProperty("hasMembersWithLicenseErrors").GetBoolean());
        Assert.Equal([north.ToString(), south.ToString()], Ids(either));
    }

    [Fact]
    public async Task GroupsList_PagesWithTopAndANextLink_AndCountsWithEventualConsistency()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadAll);
        var admin = await api.GlobalAdminAsync();
        var prefix = $"Pg{Guid.NewGuid():N}"[..12];
        var created = new List<Guid>();
        foreach (var letter in new[] { "A", "B", "C", "D", "E" })
            created.Add(await Groups.CreateAsync(admin, $"{prefix} {letter}", null, CancellationToken.None));

        var seen = new List<string?>();
        var links = new List<string>();
        var url = $"/v1.0/groups?$filter=startsWith(displayName,'{prefix}')&$top=2&$select=id";
        while (url is not null)
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync(url));
            Assert.True(page.RootElement.GetProperty("value").GetArrayLength() <= 2);
            seen.AddRange(Ids(page));
            url = page.RootElement.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
            if (url is not null) links.Add(url);
        }
        var counting = await api.ClientWithAsync(ApiPermissions.GroupReadAll);
        counting.DefaultRequestHeaders.Add("ConsistencyLevel", "eventual");
        using var counted = JsonDocument.Parse(await counting.GetStringAsync($"/v1.0/groups?$filter=startsWith(displayName,'{prefix}')&$count=true&$top=1"));

        Assert.Equal(created.Select(g => (string?)g.ToString()), seen);
        Assert.Equal(2, links.Count);
        Assert.All(links, link => Assert.StartsWith("http://localhost/v1.0/groups?", link));
        Assert.Equal(links.Count, links.Distinct().Count());
        Assert.Equal(5, counted.RootElement.GetProperty("@odata.count").GetInt64());
    }

    [Theory]
    [InlineData("$filter=createdDateTime eq 2026-01-01T00:00:00Z", "Filtering groups on the property 'createdDateTime' is not supported; filter on displayName or hasMembersWithLicenseErrors.")]
    [InlineData("$filter=hasMembersWithLicenseErrors ne true", "hasMembersWithLicenseErrors supports only eq true or eq false.")]
    [InlineData("$filter=endswith(displayName,'x')", "The function 'endswith' is not supported in $filter.")]
    [InlineData("$search=\"displayName:x\"", "The query option '$search' is not supported on groups.")]
    [InlineData("$orderby=displayName desc", "Groups can only be sorted by displayName, ascending.")]
    [InlineData("$count=true", "$count is an advanced query: send the header 'ConsistencyLevel: eventual'.")]
    [InlineData("$count=maybe", "The value 'maybe' of $count is not valid; use true or false.")]
    [InlineData("$select=id,shoeSize", "Could not find a property named 'shoeSize' on type 'microsoft.graph.group'.")]
    [InlineData("$orderby=displayName sideways", "Invalid $orderby clause: Syntax error at position 20 in 'displayName sideways'.")]
    public async Task GroupsList_RefusesWhatItDoesNotSupport_NamingThePart(string options, string message)
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadAll);

        var response = await client.GetAsync($"/v1.0/groups?{options}");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_UnsupportedQuery", message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000")]
    public async Task GroupsList_WithTopOutOfRange_IsGraphsPageSizeRefusal(string top)
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadAll);

        var response = await client.GetAsync($"/v1.0/groups?$top={top}");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest",
            $"Invalid page size specified: '{top}'. Must be between 1 and 999 inclusive.");
    }

    [Fact]
    public async Task Members_PageWithTopAndSelect_AndGetOfAGroupSelectsToo()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadAll);
        var admin = await api.GlobalAdminAsync();
        var group = await Groups.CreateAsync(admin, Unique("Paged"), null, CancellationToken.None);
        var users = new List<Guid>();
        for (var i = 20; i < 25; i++) users.Add(await GraphTestUsers.UnlicensedAsync(api, i));
        await Groups.AddMembersAsync(admin, group, users, CancellationToken.None);

        var seen = new List<string?>();
        var url = $"/v1.0/groups/{group}/members?$top=2&$select=id,userPrincipalName";
        var pages = 0;
        while (url is not null)
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync(url));
            pages++;
            Assert.All(page.RootElement.GetProperty("value").EnumerateArray(),
                u => Assert.Equal(["id", "userPrincipalName", "@odata.type"], u.EnumerateObject().Select(p => p.Name)));
            seen.AddRange(Ids(page));
            url = page.RootElement.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
        }
        using var selected = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{group}?$select=id,assignedLicenses"));
        var badTop = await client.GetAsync($"/v1.0/groups/{group}/members?$top=1000");
        var counting = await api.ClientWithAsync(ApiPermissions.GroupReadAll);
        counting.DefaultRequestHeaders.Add("ConsistencyLevel", "eventual");
        using var counted = JsonDocument.Parse(await counting.GetStringAsync($"/v1.0/groups/{group}/members?$count=true&$top=1&$select=id"));

        Assert.Equal(3, pages);
        Assert.Equal(5, counted.RootElement.GetProperty("@odata.count").GetInt64());
        Assert.Single(counted.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(users.Select(u => u.ToString()).Order(), seen.Order());
        Assert.Equal(["id", "assignedLicenses"], selected.RootElement.EnumerateObject().Select(p => p.Name));
        await GraphErrorAssert.IsAsync(badTop, HttpStatusCode.BadRequest, "Request_BadRequest", "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
    }

    [Fact]
    public async Task AMemberAGroupLicenseCannotBeGivenTo_IsInError_UntilSeatsAreBoughtAndTheUserIsReprocessed()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadAll | ApiPermissions.UserReadAll | ApiPermissions.LicenseAssignmentReadWriteAll);
        var admin = await api.GlobalAdminAsync();
        var e5 = await ProductAsync("ENTERPRISEPREMIUM");
        // The demo tenant has one E5 seat free: two members, so one of them cannot get it.
        Assert.Equal(1, await FreeSeatsAsync(e5));
        var people = new[] { await GraphTestUsers.UnlicensedAsync(api, 30), await GraphTestUsers.UnlicensedAsync(api, 31) };
        var group = await Groups.CreateAsync(admin, Unique("E5 team"), null, CancellationToken.None);
        await Groups.AddMembersAsync(admin, group, people, CancellationToken.None);
        await Groups.SetLicensesAsync(admin, group, [new ProductLicense(e5, [])], CancellationToken.None);
        await ProcessAllAsync();

        using var inError = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{group}/membersWithLicenseErrors?$select=id,displayName"));
        var failed = Guid.Parse(Assert.Single(Ids(inError))!);
        var given = people.Single(p => p != failed);
        using var withErrors = JsonDocument.Parse(await client.GetStringAsync("/v1.0/groups?$filter=hasMembersWithLicenseErrors eq true&$select=id,hasMembersWithLicenseErrors"));
        using var failedStates = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/users/{failed}?$select=id,assignedLicenses,licenseAssignmentStates"));
        using var givenStates = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/users/{given}"));

        Assert.Equal([group.ToString()], Ids(withErrors));
        Assert.Empty(failedStates.RootElement.GetProperty("assignedLicenses").EnumerateArray());
        var error = Assert.Single(failedStates.RootElement.GetProperty("licenseAssignmentStates").EnumerateArray());
        Assert.Equal(e5.ToString(), error.GetProperty("skuId").GetString());
        Assert.Equal(group.ToString(), error.GetProperty("assignedByGroup").GetString());
        Assert.Equal("Error", error.GetProperty("state").GetString());
        Assert.Equal("CountViolation", error.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("lastUpdatedDateTime").ValueKind);
        var active = Assert.Single(givenStates.RootElement.GetProperty("licenseAssignmentStates").EnumerateArray());
        Assert.Equal(("Active", "None"), (active.GetProperty("state").GetString(), active.GetProperty("error").GetString()));

        await api.Factory.Services.GetRequiredService<SubscriptionService>().BuyAsync(admin, e5, 1, null, CancellationToken.None);
        var reprocessed = await client.PostAsync($"/v1.0/users/{failed}/reprocessLicenseAssignment", null);
        await ProcessAllAsync();
        using var after = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/users/{failed}?$select=licenseAssignmentStates"));
        using var noErrors = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{group}/membersWithLicenseErrors"));
        using var notListed = JsonDocument.Parse(await client.GetStringAsync("/v1.0/groups?$filter=hasMembersWithLicenseErrors eq true"));

        Assert.Equal(HttpStatusCode.OK, reprocessed.StatusCode);
        var now = Assert.Single(after.RootElement.GetProperty("licenseAssignmentStates").EnumerateArray());
        Assert.Equal(("Active", "None", group.ToString()),
            (now.GetProperty("state").GetString(), now.GetProperty("error").GetString(), now.GetProperty("assignedByGroup").GetString()));
        Assert.True(DateTime.TryParse(now.GetProperty("lastUpdatedDateTime").GetString(), out _));
        Assert.Empty(noErrors.RootElement.GetProperty("value").EnumerateArray());
        Assert.DoesNotContain(group.ToString(), Ids(notListed));
    }

    [Fact]
    public async Task ADirectAndAnInheritedLicenseOfOneProduct_AreTwoStates_InAUserListPageToo()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);
        var admin = await api.GlobalAdminAsync();
        const string Avatars = "dcf9d2f4-772e-4434-b757-77a453cfbc02";
        var person = await GraphTestUsers.UnlicensedAsync(api, 40);
        await api.Factory.Services.GetRequiredService<LicenseService>().AddAndRemoveAsync(
            admin, person, [new ProductLicense(E3, [Guid.Parse(Avatars)])], [], CancellationToken.None);
        var group = await Groups.CreateAsync(admin, Unique("E3 both"), null, CancellationToken.None);
        await Groups.AddMembersAsync(admin, group, [person], CancellationToken.None);
        await Groups.SetLicensesAsync(admin, group, [new ProductLicense(E3, [])], CancellationToken.None);
        await ProcessAllAsync();

        using var one = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/users/{person}?$select=licenseAssignmentStates"));
        using var list = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/users?$filter=id eq '{person}'&$select=id,licenseAssignmentStates"));
        using var plain = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/users?$filter=id eq '{person}'"));

        var states = one.RootElement.GetProperty("licenseAssignmentStates").EnumerateArray().ToList();
        Assert.Equal(2, states.Count);
        Assert.Equal(JsonValueKind.Null, states[0].GetProperty("assignedByGroup").ValueKind);
        Assert.Equal([Avatars], states[0].GetProperty("disabledPlans").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(group.ToString(), states[1].GetProperty("assignedByGroup").GetString());
        Assert.Empty(states[1].GetProperty("disabledPlans").EnumerateArray());
        Assert.All(states, s => Assert.Equal((E3.ToString(), "Active", "None"),
            (s.GetProperty("skuId").GetString(), s.GetProperty("state").GetString(), s.GetProperty("error").GetString())));
        var listed = Assert.Single(list.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(one.RootElement.GetProperty("licenseAssignmentStates").ToString(), listed.GetProperty("licenseAssignmentStates").ToString());
        Assert.False(Assert.Single(plain.RootElement.GetProperty("value").EnumerateArray()).TryGetProperty("licenseAssignmentStates", out _));
    }

    [Fact]
    public async Task RemovingAProductTheGroupDoesNotGive_Is400NamingTheSku_AndChangesNothing()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadWriteAll);
        var admin = await api.GlobalAdminAsync();
        var name = Unique("Remove");
        var group = await Groups.CreateAsync(admin, name, null, CancellationToken.None);
        await Groups.SetLicensesAsync(admin, group, [new ProductLicense(E3, [])], CancellationToken.None);
        var e5 = await ProductAsync("ENTERPRISEPREMIUM");
        var unknown = Guid.NewGuid();

        var notGiven = await client.PostAsync($"/v1.0/groups/{group}/assignLicense",
            GraphTestUsers.Json($$"""{"addLicenses":[],"removeLicenses":["{{E3}}","{{e5}}"]}"""));
        var notKnown = await client.PostAsync($"/v1.0/groups/{group}/assignLicense",
            GraphTestUsers.Json($$"""{"addLicenses":[],"removeLicenses":["{{unknown}}"]}"""));
        using var after = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{group}?$select=assignedLicenses"));

        await GraphErrorAssert.IsAsync(notGiven, HttpStatusCode.BadRequest, "Request_BadRequest",
            $"The group {name} does not give {await ProductNameAsync(e5)}, so it cannot be removed from the group.");
        await GraphErrorAssert.IsAsync(notKnown, HttpStatusCode.BadRequest, "Request_BadRequest", $"The product {unknown} is not in the catalog.");
        Assert.Equal(E3.ToString(), Assert.Single(after.RootElement.GetProperty("assignedLicenses").EnumerateArray()).GetProperty("skuId").GetString());
    }

    [Fact]
    public async Task Patch_RenamesAGroup_AndChangesADynamicRule_InOneChange()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadWriteAll);
        var admin = await api.GlobalAdminAsync();
        var group = await Groups.CreateAsync(admin, Unique("Rules"), "user.usageLocation -eq \"DK\"", CancellationToken.None);
        var newName = Unique("Renamed");

        var patched = await client.PatchAsync($"/v1.0/groups/{group}", GraphTestUsers.Json($$"""
            {"displayName":"{{newName}}","membershipRule":"user.department -eq \"Sales\""}
            """));
        using var got = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{group}?$select=displayName,membershipRule,groupTypes"));
        var madeStatic = await client.PatchAsync($"/v1.0/groups/{group}", GraphTestUsers.Json("""{"groupTypes":[]}"""));
        using var staticGroup = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{group}?$select=membershipRule,groupTypes"));

        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        Assert.Equal(newName, got.RootElement.GetProperty("displayName").GetString());
        Assert.Equal("user.department -eq \"Sales\"", got.RootElement.GetProperty("membershipRule").GetString());
        Assert.Equal(["DynamicMembership"], got.RootElement.GetProperty("groupTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.NoContent, madeStatic.StatusCode);
        Assert.Equal(JsonValueKind.Null, staticGroup.RootElement.GetProperty("membershipRule").ValueKind);
        Assert.Empty(staticGroup.RootElement.GetProperty("groupTypes").EnumerateArray());
    }

    [Fact]
    public async Task Patch_RefusesABadRuleADescriptionAndUnknownProperties_AndChangesNothing()
    {
        var client = await api.ClientWithAsync(ApiPermissions.GroupReadWriteAll);
        var admin = await api.GlobalAdminAsync();
        var name = Unique("Kept");
        var group = await Groups.CreateAsync(admin, name, "user.usageLocation -eq \"DK\"", CancellationToken.None);
        var plain = await Groups.CreateAsync(admin, Unique("Plain"), null, CancellationToken.None);
        var unknown = Guid.NewGuid();

        var badRule = await client.PatchAsync($"/v1.0/groups/{group}", GraphTestUsers.Json($$"""
            {"displayName":"{{Unique("Never")}}","membershipRule":"user.shoeSize -eq \"42\""}
            """));
        var description = await client.PatchAsync($"/v1.0/groups/{group}", GraphTestUsers.Json("""{"description":"Danes"}"""));
        var unknownProperty = await client.PatchAsync($"/v1.0/groups/{group}", GraphTestUsers.Json("""{"visibility":"Private"}"""));
        var paused = await client.PatchAsync($"/v1.0/groups/{group}", GraphTestUsers.Json("""{"membershipRuleProcessingState":"Paused"}"""));
        var ruleOnStatic = await client.PatchAsync($"/v1.0/groups/{plain}", GraphTestUsers.Json("""{"membershipRule":"user.department -eq \"IT\""}"""));
        var takenName = await client.PatchAsync($"/v1.0/groups/{plain}", GraphTestUsers.Json($$"""{"displayName":"{{name}}"}"""));
        var missing = await client.PatchAsync($"/v1.0/groups/{unknown}", GraphTestUsers.Json("""{"displayName":"x"}"""));
        using var got = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/groups/{group}?$select=displayName,membershipRule"));

        await GraphErrorAssert.IsAsync(badRule, HttpStatusCode.BadRequest, "Request_BadRequest",
            "The membership rule is not valid at position 1: 'user.shoeSize' is not a property a rule can use (user.department, user.usageLocation, user.jobTitle, user.accountEnabled).");
        await GraphErrorAssert.IsAsync(description, HttpStatusCode.BadRequest, "Request_BadRequest",
            "Property 'description' cannot be written: LicenseAdmin groups have a name but no description.");
        await GraphErrorAssert.IsAsync(unknownProperty, HttpStatusCode.BadRequest, "Request_BadRequest",
            "Property 'visibility' does not exist on type 'microsoft.graph.group' or cannot be written.");
        await GraphErrorAssert.IsAsync(paused, HttpStatusCode.BadRequest, "Request_BadRequest",
            "Property 'membershipRuleProcessingState' can only be 'On': LicenseAdmin always evaluates a dynamic group's rule.");
        await GraphErrorAssert.IsAsync(ruleOnStatic, HttpStatusCode.BadRequest, "Request_BadRequest",
            "A membershipRule needs groupTypes to contain DynamicMembership.");
        await GraphErrorAssert.IsAsync(takenName, HttpStatusCode.BadRequest, "Request_BadRequest", $"There is already a group named {name}.");
        await GraphErrorAssert.IsAsync(missing, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(unknown));
        Assert.Equal(name, got.RootElement.GetProperty("displayName").GetString());
        Assert.Equal("user.usageLocation -eq \"DK\"", got.RootElement.GetProperty("membershipRule").GetString());
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesPatchOfAGroup_AndTheUsersLicenseAssignmentStates()
    {
        using var document = JsonDocument.Parse(await api.Client().GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/v1.0/groups/{id}").TryGetProperty("patch", out _));
        Assert.True(paths.GetProperty("/v1.0/groups/{id}/membersWithLicenseErrors").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/v1.0/users/{idOrUpn}/reprocessLicenseAssignment").TryGetProperty("post", out _));
        var user = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("GraphUser").GetProperty("properties");
        Assert.True(user.TryGetProperty("licenseAssignmentStates", out _));
    }

    private async Task ProcessAllAsync()
    {
        var processor = api.Factory.Services.GetRequiredService<GroupLicenseProcessor>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await processor.RunOnceAsync(CancellationToken.None);
            await using var db = await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
            if (!await db.GroupLicensingQueue.IgnoreQueryFilters().AnyAsync()) return;
            await Task.Delay(100);
        }
        Assert.Fail("The group licensing queue did not empty.");
    }

    private async Task<AppDbContext> ContosoAsync() =>
        await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);

    private async Task<Guid> ProductAsync(string partNumber)
    {
        await using var db = await ContosoAsync();
        return await db.Products.Where(p => p.PartNumber == partNumber).Select(p => p.Id).SingleAsync();
    }

    private async Task<string> ProductNameAsync(Guid productId)
    {
        await using var db = await ContosoAsync();
        return await db.Products.Where(p => p.Id == productId).Select(p => p.DisplayName).SingleAsync();
    }

    private async Task<int> FreeSeatsAsync(Guid productId)
    {
        await using var db = await ContosoAsync();
        var total = await db.Subscriptions.Where(s => s.ProductId == productId).SumAsync(s => s.EnabledUnits);
        return total - await db.LicenseAssignments.CountAsync(a => a.ProductId == productId);
    }
}
