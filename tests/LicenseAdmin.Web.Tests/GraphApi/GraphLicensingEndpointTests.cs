using System.Net;
using System.Text;
using System.Text.Json;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.GraphApi;

public sealed class GraphLicensingEndpointTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    private const string E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    private const string AvatarsForTeams = "dcf9d2f4-772e-4434-b757-77a453cfbc02";

    [Fact]
    public async Task SubscribedSkus_ShowsTheTenantsProducts_WithSeatsAndPlans()
    {
        var client = await api.ClientWithAsync(ApiPermissions.OrganizationReadAll);

        using var body = JsonDocument.Parse(await client.GetStringAsync("/v1.0/subscribedSkus"));

        var e3 = body.RootElement.GetProperty("value").EnumerateArray().Single(s => s.GetProperty("skuPartNumber").GetString() == "ENTERPRISEPACK");
        Assert.Equal(E3, e3.GetProperty("skuId").GetString());
        Assert.Equal($"{DemoDataSeeder.ContosoId}_{E3}", e3.GetProperty("id").GetString());
        Assert.Equal(25, e3.GetProperty("prepaidUnits").GetProperty("enabled").GetInt32());
        Assert.Contains(e3.GetProperty("servicePlans").EnumerateArray(), p => p.GetProperty("servicePlanId").GetString() == AvatarsForTeams);
    }

    [Fact]
    public async Task AnEndpoint_WithoutItsPermission_Is403()
    {
        var client = await api.ClientWithAsync(ApiPermissions.AuditLogReadAll);

        var response = await client.GetAsync("/v1.0/subscribedSkus");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }

    [Fact]
    public async Task Users_ArePagedByKeyset_WithANextLinkThatCarriesTheQuery()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        using var first = JsonDocument.Parse(await client.GetStringAsync("/v1.0/users?$top=3&$select=id,userPrincipalName,accountEnabled"));
        var next = first.RootElement.GetProperty("@odata.nextLink").GetString()!;
        using var second = JsonDocument.Parse(await client.GetStringAsync(new Uri(next).PathAndQuery));

        var firstPage = first.RootElement.GetProperty("value").EnumerateArray().ToList();
        var secondPage = second.RootElement.GetProperty("value").EnumerateArray().ToList();
        Assert.Equal(3, firstPage.Count);
        Assert.Equal(3, secondPage.Count);
        Assert.Equal(["accountEnabled", "id", "userPrincipalName"], firstPage[0].EnumerateObject().Select(p => p.Name).Order());
        Assert.Empty(firstPage.Select(u => u.GetProperty("id").GetString()).Intersect(secondPage.Select(u => u.GetProperty("id").GetString())));
        Assert.StartsWith("http://localhost/v1.0/users?", next);
        Assert.Contains("$skiptoken=", next);
        Assert.NotEqual(next, second.RootElement.GetProperty("@odata.nextLink").GetString());
    }

    [Fact]
    public async Task Users_UnlicensedFilterWithCount_MatchesTheDatabase_AndNeedsEventualConsistency()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);
        const string path = "/v1.0/users?$filter=assignedLicenses/$count eq 0&$count=true&$top=5&$select=id,assignedLicenses";

        var withoutHeader = await client.GetAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("ConsistencyLevel", "eventual");
        var response = await client.SendAsync(request);

        await GraphErrorAssert.IsAsync(withoutHeader, HttpStatusCode.BadRequest, "Request_UnsupportedQuery",
            "Filtering on assignedLicenses/$count is an advanced query: send the header 'ConsistencyLevel: eventual' and $count=true.");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(await UnlicensedCountAsync(), body.RootElement.GetProperty("@odata.count").GetInt64());
        Assert.All(body.RootElement.GetProperty("value").EnumerateArray(), u => Assert.Equal(0, u.GetProperty("assignedLicenses").GetArrayLength()));
    }

    [Fact]
    public async Task Users_FilterBySkuAndStartsWith_RunsInTheDatabase()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        using var body = JsonDocument.Parse(await client.GetStringAsync(
            $"/v1.0/users?$filter=assignedLicenses/any(x:x/skuId eq {E3}) and startsWith(userPrincipalName,'a')&$select=userPrincipalName,assignedLicenses&$top=999"));

        var users = body.RootElement.GetProperty("value").EnumerateArray().ToList();
        Assert.NotEmpty(users);
        Assert.All(users, u =>
        {
            Assert.StartsWith("a", u.GetProperty("userPrincipalName").GetString());
            Assert.Contains(u.GetProperty("assignedLicenses").EnumerateArray(), l => l.GetProperty("skuId").GetString() == E3);
        });
    }

    [Theory]
    [InlineData("$top=1000", "Request_BadRequest", "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.")]
    [InlineData("$top=0", "Request_BadRequest", "Invalid page size specified: '0'. Must be between 1 and 999 inclusive.")]
    [InlineData("$filter=city eq 'Aarhus'", "Request_UnsupportedQuery", "Invalid filter clause: Could not find a property named 'city' on type 'microsoft.graph.user'.")]
    [InlineData("$filter=jobTitle gt 'B'", "Request_UnsupportedQuery", "The operator 'GreaterThan' is not supported in $filter.")]
    [InlineData("$filter=endsWith(mail,'@contoso.com')", "Request_UnsupportedQuery", "The function 'endswith' is not supported in $filter.")]
    [InlineData("$orderby=department", "Request_UnsupportedQuery", "Sorting by 'department' is not supported; sort by displayName or userPrincipalName.")]
    [InlineData("$expand=manager", "Request_UnsupportedQuery", "The query option '$expand' is not supported.")]
    public async Task Users_WithAQueryOutsideTheSupportedSubset_Is400_NamingThePart(string query, string code, string message)
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        var response = await client.GetAsync("/v1.0/users?" + query);

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, code, message);
    }

    [Fact]
    public async Task Users_ABrokenFilter_Is400_UnsupportedQuery()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        var response = await client.GetAsync("/v1.0/users?$filter=displayName eq");

        var error = await ErrorMessageAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Request_UnsupportedQuery", error.Code);
        Assert.StartsWith("Invalid filter clause: ", error.Message);
    }

    [Fact]
    public async Task AUser_IsFoundByIdOrUpn_ButAnotherTenantsUserIs404()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);
        var fabrikamAdmin = await UserIdAsync(DemoDataSeeder.FabrikamId, "admin@fabrikam.com");
        var contosoAdmin = await UserIdAsync(DemoDataSeeder.ContosoId, "admin@contoso.com");

        using var byUpn = JsonDocument.Parse(await client.GetStringAsync("/v1.0/users/admin@contoso.com"));
        using var byId = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/users/{contosoAdmin}"));
        var otherTenant = await client.GetAsync($"/v1.0/users/{fabrikamAdmin}");
        var otherByUpn = await client.GetAsync("/v1.0/users/admin@fabrikam.com");

        Assert.Equal(contosoAdmin.ToString(), byUpn.RootElement.GetProperty("id").GetString());
        Assert.Equal("admin@contoso.com", byId.RootElement.GetProperty("userPrincipalName").GetString());
        await GraphErrorAssert.IsAsync(otherTenant, HttpStatusCode.NotFound, "Request_ResourceNotFound",
            $"Resource '{fabrikamAdmin}' does not exist or one of its queried reference-property objects are not present.");
        await GraphErrorAssert.IsAsync(otherByUpn, HttpStatusCode.NotFound, "Request_ResourceNotFound",
            "Resource 'admin@fabrikam.com' does not exist or one of its queried reference-property objects are not present.");
    }

    [Fact]
    public async Task AssignLicense_WithADisabledPlan_ChangesTheUser_ShowsInLicenseDetails_AndIsAuditedAsTheApp()
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll, name: "Onboarding script");
        var user = await UnlicensedUserAsync();

        var response = await client.PostAsync($"/v1.0/users/{user}/assignLicense",
            Json($$"""{"addLicenses":[{"skuId":"{{E3}}","disabledPlans":["{{AvatarsForTeams}}"]}],"removeLicenses":[]}"""));
        using var details = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/users/{user}/licenseDetails"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(user.ToString(), body.RootElement.GetProperty("id").GetString());
        var detail = Assert.Single(details.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal("ENTERPRISEPACK", detail.GetProperty("skuPartNumber").GetString());
        var avatars = detail.GetProperty("servicePlans").EnumerateArray().Single(p => p.GetProperty("servicePlanId").GetString() == AvatarsForTeams);
        Assert.Equal("Disabled", avatars.GetProperty("provisioningStatus").GetString());
        var entry = (await AuditAsync(AuditAction.ChangeUserLicense)).Last();
        Assert.Equal(("Onboarding script", AuditOutcome.Succeeded), (entry.ActorUpn, entry.Outcome));
        Assert.StartsWith("App ", entry.ActorRole);
    }

    [Theory]
    [InlineData("""{"addLicenses":[],"removeLicenses":[],"notify":true}""",
        "The parameter 'notify' in the request payload is not a valid parameter for the operation 'assignLicense'.")]
    [InlineData("""{"addLicenses":[{"skuId":"6fd2c87f-b296-42f0-b197-1e91e994b900","disabledPlan":["a23b959c-7ce8-4e57-9140-b90eb88a9e97"]}],"removeLicenses":[]}""",
        "Property 'disabledPlan' does not exist on type 'microsoft.graph.assignedLicense'.")]
    [InlineData("""{"addLicenses":"ENTERPRISEPACK","removeLicenses":[]}""",
        "The assignLicense body does not have Graph's shape: 'addLicenses' has the wrong type (skuId and removeLicenses are GUIDs, disabledPlans a list of GUIDs).")]
    [InlineData("""{"addLicenses":[{"skuId":"ENTERPRISEPACK","disabledPlans":[]}],"removeLicenses":[]}""",
        "The assignLicense body does not have Graph's shape: 'addLicenses[0].skuId' has the wrong type (skuId and removeLicenses are GUIDs, disabledPlans a list of GUIDs).")]
    [InlineData("""{"addLicenses":[]}""", "The request body must carry both addLicenses and removeLicenses (either may be empty).")]
    [InlineData("""[]""", "The request body must be a JSON object.")]
    [InlineData("""{"addLicenses":[{"skuId":"6fd2c87f-b296-42f0-b197-1e91e994b900","disabledPlans":["00000000-0000-0000-0000-000000000001"]}],"removeLicenses":[]}""",
        "Nothing was changed. Office 365 E3 has no service plan 00000000-0000-0000-0000-000000000001, so it cannot be turned off.")]
    public async Task AssignLicense_WithABodyGraphWouldRefuse_Is400_NamingTheProblem_AndChangesNothing(string body, string message)
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll);
        var user = await UnlicensedUserAsync();

        var response = await client.PostAsync($"/v1.0/users/{user}/assignLicense", Json(body));

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest", message);
        Assert.Equal(0, await LicenseCountAsync(user));
    }

    [Theory]
    [InlineData("$select=id,shoeSize", "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.")]
    [InlineData("$orderby=displayName sideways", "Invalid $orderby clause: Syntax error at position 20 in 'displayName sideways'.")]
    [InlineData("$orderby=displayName,userPrincipalName", "$orderby supports one property.")]
    [InlineData("$skip=10", "The query option '$skip' is not supported.")]
    [InlineData("$count=maybe", "The value 'maybe' of $count is not valid; use true or false.")]
    public async Task Users_SelectOrderByAndPagingOutsideTheSubset_Are400_NamingThePart(string query, string message)
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        var response = await client.GetAsync($"/v1.0/users?{query}");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_UnsupportedQuery", message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    public async Task Users_ATopThatIsNotAPageSize_Is400(string top)
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        var response = await client.GetAsync($"/v1.0/users?$top={top}");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest", $"Invalid page size specified: '{top}'. Must be between 1 and 999 inclusive.");
    }

    [Fact]
    public async Task Users_ATamperedSkipToken_Is400()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        var response = await client.GetAsync("/v1.0/users?$skiptoken=garbage");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest", "The $skiptoken is not valid; follow @odata.nextLink as it was returned.");
    }

    [Fact]
    public async Task Users_OrderedDescending_ArePagedByKeyset_WithoutRepeatsOrGaps()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);
        var all = new List<(string Name, string Upn)>();
        var next = "/v1.0/users?$orderby=displayName desc&$top=37&$select=displayName,userPrincipalName";

        while (next is not null)
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync(next));
            all.AddRange(page.RootElement.GetProperty("value").EnumerateArray()
                .Select(u => (u.GetProperty("displayName").GetString()!, u.GetProperty("userPrincipalName").GetString()!)));
            next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? new Uri(link.GetString()!).PathAndQuery : null;
        }

        await using var db = await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var expected = await db.DirectoryUsers.Where(u => u.DeletedUtc == null)
            .OrderByDescending(u => u.DisplayName).ThenByDescending(u => u.UserPrincipalName).Select(u => u.UserPrincipalName).ToListAsync();
        Assert.Equal(expected, all.Select(u => u.Upn));
    }

    [Fact]
    public async Task AssignLicense_WithMalformedJson_Is400_AndChangesNothing()
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll);
        var user = await UnlicensedUserAsync();

        var response = await client.PostAsync($"/v1.0/users/{user}/assignLicense", Json("""{"addLicenses":[{"skuId":"""));

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest",
            "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
        Assert.Equal(0, await LicenseCountAsync(user));
    }

    [Fact]
    public async Task AssignLicense_OfAnUnknownSku_Is400_WithTheProductRuleMessage_AndChangesNothing()
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll);
        var user = await UnlicensedUserAsync();
        var unknown = Guid.NewGuid();

        var response = await client.PostAsync($"/v1.0/users/{user}/assignLicense",
            Json($$"""{"addLicenses":[{"skuId":"{{unknown}}","disabledPlans":[]}],"removeLicenses":[]}"""));

        var error = await ErrorMessageAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Request_BadRequest", error.Code);
        Assert.StartsWith("Nothing was changed.", error.Message);
        Assert.Contains(unknown.ToString(), error.Message);
        Assert.Equal(0, await LicenseCountAsync(user));
    }

    [Fact]
    public async Task AssignLicense_ToAnotherTenantsUser_Is404()
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll);
        var fabrikamAdmin = await UserIdAsync(DemoDataSeeder.FabrikamId, "admin@fabrikam.com");

        var response = await client.PostAsync($"/v1.0/users/{fabrikamAdmin}/assignLicense",
            Json($$"""{"addLicenses":[{"skuId":"{{E3}}","disabledPlans":[]}],"removeLicenses":[]}"""));

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.NotFound, "Request_ResourceNotFound",
            $"Resource '{fabrikamAdmin}' does not exist or one of its queried reference-property objects are not present.");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<(string Code, string Message)> ErrorMessageAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    private async Task<AppDbContext> ContosoAsync(Guid? tenantId = null) =>
        await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(tenantId ?? DemoDataSeeder.ContosoId, CancellationToken.None);

    private async Task<Guid> UserIdAsync(Guid tenantId, string upn)
    {
        await using var db = await ContosoAsync(tenantId);
        return await db.DirectoryUsers.Where(u => u.UserPrincipalName == upn && u.DeletedUtc == null).Select(u => u.Id).SingleAsync();
    }

    // Each test takes its own user, so tests of this class do not disturb each other.
    private static int _nextUser;

    private async Task<Guid> UnlicensedUserAsync()
    {
        await using var db = await ContosoAsync();
        var candidates = await db.DirectoryUsers
            .Where(u => u.DeletedUtc == null && u.Roles == AdminRoles.None && u.UsageLocation != null && u.Kind == Domain.Users.UserKind.User)
            .Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id))
            .OrderBy(u => u.UserPrincipalName).Select(u => u.Id).ToListAsync();
        return candidates[Interlocked.Increment(ref _nextUser) % candidates.Count];
    }

    private async Task<long> UnlicensedCountAsync()
    {
        await using var db = await ContosoAsync();
        return await db.DirectoryUsers.LongCountAsync(u => u.DeletedUtc == null && !db.LicenseAssignments.Any(a => a.UserId == u.Id));
    }

    private async Task<int> LicenseCountAsync(Guid userId)
    {
        await using var db = await ContosoAsync();
        return await db.LicenseAssignments.CountAsync(a => a.UserId == userId);
    }

    private async Task<List<AuditEntry>> AuditAsync(string action)
    {
        await using var db = await ContosoAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync();
    }
}
