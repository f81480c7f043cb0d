using System.Net;
using System.Text.Json;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.GraphApi;

/// <summary>/auditLogs/directoryAudits: the audit trail in Graph's shape, filtered in the database and keyset-paged.</summary>
public sealed class GraphDirectoryAuditTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    private const string E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";

    [Fact]
    public async Task AnAppsLicenseChange_IsADirectoryAudit_InitiatedByTheApp_WithTheTargetAndItsChange()
    {
        var writer = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll, name: "Onboarding");
        var reader = await api.ClientWithAsync(ApiPermissions.AuditLogReadAll);
        var user = await GraphTestUsers.UnlicensedAsync(api, 30);
        var since = DateTime.UtcNow.AddSeconds(-5).ToString("yyyy-MM-ddTHH:mm:ssZ");
        await writer.PostAsync($"/v1.0/users/{user}/assignLicense",
            GraphTestUsers.Json($$"""{"addLicenses":[{"skuId":"{{E3}}","disabledPlans":[]}],"removeLicenses":[]}"""));

        using var body = JsonDocument.Parse(await reader.GetStringAsync(
            $"/v1.0/auditLogs/directoryAudits?$filter=activityDateTime ge {since} and category eq 'UserManagement' and activityDisplayName eq 'Change user license'"));

        var audit = body.RootElement.GetProperty("value").EnumerateArray()
            .Single(a => a.GetProperty("targetResources")[0].GetProperty("id").GetString() == user.ToString());
        Assert.Equal(("UserManagement", "Change user license", "success"),
            (audit.GetProperty("category").GetString(), audit.GetProperty("activityDisplayName").GetString(), audit.GetProperty("result").GetString()));
        Assert.Equal("Onboarding", audit.GetProperty("initiatedBy").GetProperty("app").GetProperty("displayName").GetString());
        Assert.Equal(JsonValueKind.Null, audit.GetProperty("initiatedBy").GetProperty("user").ValueKind);
        Assert.EndsWith("Z", audit.GetProperty("activityDateTime").GetString());
        var change = Assert.Single(audit.GetProperty("targetResources")[0].GetProperty("modifiedProperties").EnumerateArray());
        Assert.Contains("Office 365 E3", change.GetProperty("newValue").GetString());
    }

    [Fact]
    public async Task Audits_ArePagedNewestFirst_WithANextLink_AndNoEntryTwice()
    {
        var reader = await api.ClientWithAsync(ApiPermissions.AuditLogReadAll);

        using var first = JsonDocument.Parse(await reader.GetStringAsync("/v1.0/auditLogs/directoryAudits?$top=2"));
        var next = first.RootElement.GetProperty("@odata.nextLink").GetString()!;
        using var second = JsonDocument.Parse(await reader.GetStringAsync(new Uri(next).PathAndQuery));

        var ids = first.RootElement.GetProperty("value").EnumerateArray().Concat(second.RootElement.GetProperty("value").EnumerateArray())
            .Select(a => long.Parse(a.GetProperty("id").GetString()!)).ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.StartsWith("http://localhost/v1.0/auditLogs/directoryAudits?", next);
        var times = first.RootElement.GetProperty("value").EnumerateArray().Concat(second.RootElement.GetProperty("value").EnumerateArray())
            .Select(a => DateTime.Parse(a.GetProperty("activityDateTime").GetString()!)).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task ARangeInTheFuture_IsAnEmptyPage()
    {
        var reader = await api.ClientWithAsync(ApiPermissions.AuditLogReadAll);

        using var body = JsonDocument.Parse(await reader.GetStringAsync("/v1.0/auditLogs/directoryAudits?$filter=activityDateTime gt 2999-01-01T00:00:00Z"));

        Assert.Equal(0, body.RootElement.GetProperty("value").GetArrayLength());
        Assert.False(body.RootElement.TryGetProperty("@odata.nextLink", out _));
    }

    [Theory]
    [InlineData("$filter=result eq 'success'", "Request_UnsupportedQuery",
        "Filtering directoryAudits on the property 'result' is not supported; use activityDateTime, category or activityDisplayName.")]
    [InlineData("$filter=category eq 'UserManagement' or category eq 'Policy'", "Request_UnsupportedQuery",
        "The operator 'Or' is not supported in $filter on directoryAudits; combine conditions with 'and'.")]
    [InlineData("$filter=category eq 'Shoes'", "Request_BadRequest",
        "'Shoes' is not a category of directoryAudits. Use one of: UserManagement, RoleManagement, ApplicationManagement, DirectoryManagement, Policy, Authentication, Other.")]
    [InlineData("$filter=activityDateTime eq 2026-01-01T00:00:00Z", "Request_UnsupportedQuery",
        "activityDateTime supports ge, gt, le and lt; not 'Equal'.")]
    [InlineData("$top=501", "Request_BadRequest", "Invalid page size specified: '501'. Must be between 1 and 500 inclusive.")]
    [InlineData("$orderby=activityDateTime", "Request_UnsupportedQuery", "The query option '$orderby' is not supported.")]
    public async Task AQueryOutsideTheSupportedSubset_Is400_NamingThePart(string query, string code, string message)
    {
        var reader = await api.ClientWithAsync(ApiPermissions.AuditLogReadAll);

        var response = await reader.GetAsync($"/v1.0/auditLogs/directoryAudits?{query}");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, code, message);
    }

    [Fact]
    public async Task OneAudit_ById_IsTheSameDirectoryAudit_AsInTheList()
    {
        var reader = await api.ClientWithAsync(ApiPermissions.AuditLogReadAll);
        using var list = JsonDocument.Parse(await reader.GetStringAsync("/v1.0/auditLogs/directoryAudits?$top=1"));
        var listed = list.RootElement.GetProperty("value")[0];
        var id = listed.GetProperty("id").GetString();

        var response = await reader.GetAsync($"/v1.0/auditLogs/directoryAudits/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var one = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("http://localhost/v1.0/$metadata#auditLogs/directoryAudits/$entity", one.RootElement.GetProperty("@odata.context").GetString());
        foreach (var property in new[] { "id", "category", "activityDisplayName", "activityDateTime", "result", "operationType" })
            Assert.Equal(listed.GetProperty(property).GetString(), one.RootElement.GetProperty(property).GetString());
        Assert.Equal(listed.GetProperty("targetResources").GetRawText(), one.RootElement.GetProperty("targetResources").GetRawText());
    }

    [Theory]
    [InlineData("999999999")]
    [InlineData("not-a-number")]
    public async Task AnUnknownAuditId_Is404_InGraphsEnvelope(string id)
    {
        var reader = await api.ClientWithAsync(ApiPermissions.AuditLogReadAll);

        var response = await reader.GetAsync($"/v1.0/auditLogs/directoryAudits/{id}");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.NotFound, "Request_ResourceNotFound",
            $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
    }

    [Fact]
    public async Task AnotherTenantsAudit_Is404_AsOneThatDoesNotExist()
    {
        // Registering an app in Fabrikam writes Fabrikam's audit entries.
        await api.RegisterAsync("Fabrikam script", ApiPermissions.AuditLogReadAll, DemoDataSeeder.FabrikamId, "admin@fabrikam.com");
        await using (var fabrikam = await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.FabrikamId, CancellationToken.None))
        {
            var theirs = await fabrikam.AuditEntries.OrderByDescending(e => e.Id).Select(e => e.Id).FirstAsync();
            var reader = await api.ClientWithAsync(ApiPermissions.AuditLogReadAll);

            var response = await reader.GetAsync($"/v1.0/auditLogs/directoryAudits/{theirs}");

            await GraphErrorAssert.IsAsync(response, HttpStatusCode.NotFound, "Request_ResourceNotFound",
                $"Resource '{theirs}' does not exist or one of its queried reference-property objects are not present.");
        }
    }

    [Fact]
    public async Task OneAudit_WithAQueryOption_Is400_NamingIt()
    {
        var reader = await api.ClientWithAsync(ApiPermissions.AuditLogReadAll);

        var response = await reader.GetAsync("/v1.0/auditLogs/directoryAudits/1?$select=id");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_UnsupportedQuery",
            "The query option '$select' is not supported on a single directoryAudit.");
    }

    [Fact]
    public async Task WithoutAuditLogReadAll_Is403()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);

        var response = await client.GetAsync("/v1.0/auditLogs/directoryAudits");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }
}
