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

/// <summary>Each Graph write is one change of the service: one transaction, one audit entry, planned on the state of the moment.</summary>
public sealed class GraphOneChangeTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    private const string E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    private const string AppsForEnterprise = "c2273bd0-dff7-4215-9ef5-2c7bcfb06425";

    [Fact]
    public async Task AssignLicense_AddsAndRemovesInOneAuditedChange_AndKeepsTheUsersOtherProducts()
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll);
        var user = await GraphTestUsers.UnlicensedAsync(api, 0);
        await AssignAsync(client, user, $$"""{"addLicenses":[{"skuId":"{{E3}}","disabledPlans":[]}],"removeLicenses":[]}""");
        var entriesBefore = await EntriesAsync(user, AuditAction.ChangeUserLicense);

        var swapped = await client.PostAsync($"/v1.0/users/{user}/assignLicense",
            GraphTestUsers.Json($$"""{"addLicenses":[{"skuId":"{{AppsForEnterprise}}","disabledPlans":[]}],"removeLicenses":["{{E3}}"]}"""));

        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);
        Assert.Equal([Guid.Parse(AppsForEnterprise)], await ProductsAsync(user));
        Assert.Equal(entriesBefore + 1, await EntriesAsync(user, AuditAction.ChangeUserLicense));
    }

    [Fact]
    public async Task AssignLicense_RemovingAProductTheUserDoesNotHold_Is400_WithTheRuleCode_AndChangesNothing()
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll);
        var user = await GraphTestUsers.UnlicensedAsync(api, 1);
        var upn = await UpnAsync(user);

        var response = await client.PostAsync($"/v1.0/users/{user}/assignLicense",
            GraphTestUsers.Json($$"""{"addLicenses":[{"skuId":"{{AppsForEnterprise}}","disabledPlans":[]}],"removeLicenses":["{{E3}}"]}"""));

        var error = await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest",
            $"Nothing was changed. {upn} does not have Office 365 E3.");
        Assert.Equal("ProductNotAssigned", error.GetProperty("innerError").GetProperty("licenseError").GetString());
        Assert.Empty(await ProductsAsync(user));
    }

    [Fact]
    public async Task CreatingADisabledAccount_IsOneAddUserEntry_ThatSaysSignInIsBlocked()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll, name: "HR sync");

        var created = await client.PostAsync("/v1.0/users", GraphTestUsers.Json("""
            {"accountEnabled":false,"displayName":"Otto Berg","mailNickname":"otto.berg","userPrincipalName":"otto.berg@contoso.com",
             "usageLocation":"DK","passwordProfile":{"password":"xWwvJ]6NMw+bWH-d"}}
            """));
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = Guid.Parse(body.RootElement.GetProperty("id").GetString()!);
        using var read = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/users/{id}?$select=accountEnabled"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(read.RootElement.GetProperty("accountEnabled").GetBoolean());
        var entry = Assert.Single(await AllEntriesAsync(id));
        Assert.Equal(AuditAction.AddUser, entry.Action);
        Assert.Contains("\"signInBlocked\":true", entry.After);
        Assert.Contains("\"displayName\":\"Otto Berg\"", entry.After);
    }

    [Fact]
    public async Task PatchingProfileAndAccountEnabled_IsOneUpdateUserEntry_WithBothBeforeAndAfter()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll, name: "HR sync");
        var user = await GraphTestUsers.UnlicensedAsync(api, 2);
        var before = (await AllEntriesAsync(user)).Count;

        var patched = await client.PatchAsync($"/v1.0/users/{user}", GraphTestUsers.Json("""{"jobTitle":"Controller","accountEnabled":false}"""));
        using var read = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/users/{user}?$select=jobTitle,accountEnabled"));

        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        Assert.Equal(("Controller", false), (read.RootElement.GetProperty("jobTitle").GetString(), read.RootElement.GetProperty("accountEnabled").GetBoolean()));
        var entries = await AllEntriesAsync(user);
        Assert.Equal(before + 1, entries.Count);
        var entry = entries.Last();
        Assert.Equal((AuditAction.UpdateUser, "HR sync"), (entry.Action, entry.ActorUpn));
        Assert.Contains("\"signInBlocked\":false", entry.Before);
        Assert.Contains("\"signInBlocked\":true", entry.After);
        Assert.Contains("\"jobTitle\":\"Controller\"", entry.After);
    }

    [Fact]
    public async Task PatchingAnUnknownUser_Is404_AndWritesNothing()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);
        var unknown = Guid.NewGuid();

        var response = await client.PatchAsync($"/v1.0/users/{unknown}", GraphTestUsers.Json("""{"accountEnabled":false}"""));

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.NotFound, "Request_ResourceNotFound",
            $"Resource '{unknown}' does not exist or one of its queried reference-property objects are not present.");
    }

    private static async Task AssignAsync(HttpClient client, Guid user, string json)
    {
        var response = await client.PostAsync($"/v1.0/users/{user}/assignLicense", GraphTestUsers.Json(json));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<AppDbContext> ContosoAsync() =>
        await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);

    private async Task<List<Guid>> ProductsAsync(Guid user)
    {
        await using var db = await ContosoAsync();
        return await db.LicenseAssignments.Where(a => a.UserId == user).Select(a => a.ProductId).ToListAsync();
    }

    private async Task<string> UpnAsync(Guid user)
    {
        await using var db = await ContosoAsync();
        return await db.DirectoryUsers.Where(u => u.Id == user).Select(u => u.UserPrincipalName).SingleAsync();
    }

    private async Task<int> EntriesAsync(Guid user, string action)
    {
        await using var db = await ContosoAsync();
        return await db.AuditEntries.CountAsync(e => e.TargetId == user && e.Action == action);
    }

    private async Task<List<AuditEntry>> AllEntriesAsync(Guid user)
    {
        await using var db = await ContosoAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.TargetId == user).OrderBy(e => e.Id).ToListAsync();
    }
}

/// <summary>Users for the API tests: the n-th unlicensed, licensable ordinary user of Contoso, so tests of a class do not share one.</summary>
public static class GraphTestUsers
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<Guid> UnlicensedAsync(GraphApiFixture api, int index)
    {
        await using var db = await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var candidates = await db.DirectoryUsers
            .Where(u => u.DeletedUtc == null && u.Roles == AdminRoles.None && u.UsageLocation != null && u.Kind == Domain.Users.UserKind.User)
            .Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id))
            .OrderBy(u => u.UserPrincipalName).Select(u => u.Id).ToListAsync();
        return candidates[index];
    }
}
