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

public sealed class GraphUserWriteTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task CreateUpdateDelete_GoThroughTheUserService_AndAreAuditedAsTheApp()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll, name: "HR sync");

        var created = await client.PostAsync("/v1.0/users", Json("""
            {"@odata.type":"#microsoft.graph.user","accountEnabled":true,"displayName":"Nina Holm","mailNickname":"nina.holm",
             "userPrincipalName":"nina.holm@contoso.com","usageLocation":"DK","passwordProfile":{"password":"xWwvJ]6NMw+bWH-d","forceChangePasswordNextSignIn":true}}
            """));
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetString();
        var patched = await client.PatchAsync($"/v1.0/users/{id}", Json("""{"department":"Finance","accountEnabled":false}"""));
        using var read = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/users/{id}?$select=department,accountEnabled,usageLocation"));
        var deleted = await client.DeleteAsync($"/v1.0/users/{id}");
        var gone = await client.GetAsync($"/v1.0/users/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("#microsoft.graph.user", body.RootElement.GetProperty("@odata.type").GetString());
        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        Assert.Equal(("Finance", false, "DK"), (read.RootElement.GetProperty("department").GetString(),
            read.RootElement.GetProperty("accountEnabled").GetBoolean(), read.RootElement.GetProperty("usageLocation").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await using var db = await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var entries = await db.AuditEntries.Where(e => e.TargetId == Guid.Parse(id!)).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditAction.AddUser, AuditAction.UpdateUser, AuditAction.DeleteUser], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("HR sync", e.ActorUpn));
    }

    [Fact]
    public async Task Create_WithATakenUpnOrAnUnknownProperty_Is400_AndAddsNothing()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);

        var taken = await client.PostAsync("/v1.0/users", Json("""
            {"accountEnabled":true,"displayName":"Copy","mailNickname":"admin","userPrincipalName":"admin@contoso.com","passwordProfile":{"password":"x"}}
            """));
        var unknown = await client.PostAsync("/v1.0/users", Json("""
            {"accountEnabled":true,"displayName":"X","mailNickname":"x","userPrincipalName":"x@contoso.com","passwordProfile":{"password":"x"},"shoeSize":44}
            """));
        var missing = await client.PostAsync("/v1.0/users", Json("""{"displayName":"X"}"""));

        await GraphErrorAssert.IsAsync(taken, HttpStatusCode.BadRequest, "Request_BadRequest", "Another object with the same value for property userPrincipalName already exists.");
        await GraphErrorAssert.IsAsync(unknown, HttpStatusCode.BadRequest, "Request_BadRequest", "Property 'shoeSize' does not exist on type 'microsoft.graph.user' or cannot be written.");
        await GraphErrorAssert.IsAsync(missing, HttpStatusCode.BadRequest, "Request_BadRequest", "Property 'accountEnabled' is required when creating the object.");
        await using var db = await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        Assert.False(await db.DirectoryUsers.AnyAsync(u => u.UserPrincipalName == "x@contoso.com"));
    }

    [Fact]
    public async Task Writes_WithOnlyReadPermission_Are403()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        var response = await client.DeleteAsync("/v1.0/users/user@contoso.com");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }

    [Fact]
    public async Task Delete_OfAnAdmin_IsRefusedByTheUserServicesRule_As403()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);

        var response = await client.DeleteAsync("/v1.0/users/billing@contoso.com");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "Authorization_RequestDenied",
            "Your role (User administrator) cannot delete billing@contoso.com, who has admin roles.");
    }
}
