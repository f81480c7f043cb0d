using System.Net;
using System.Text;
using System.Text.Json;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
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
    private async Task<Guid> NewUserAsync(HttpClient client, string nickname)
    {
        var created = await client.PostAsync("/v1.0/users", Json($$$"""
            {"accountEnabled":true,"displayName":"{{{nickname}}}","mailNickname":"{{{nickname}}}","userPrincipalName":"{{{nickname}}}@contoso.com",
             "usageLocation":"DK","passwordProfile":{"password":"xWwvJ]6NMw+bWH-d"}}
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        return Guid.Parse(body.RootElement.GetProperty("id").GetString()!);
    }

    private async Task<(string Upn, List<AuditEntry> Entries)> StateOfAsync(Guid id)
    {
        await using var db = await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var upn = await db.DirectoryUsers.Where(u => u.Id == id).Select(u => u.UserPrincipalName).SingleAsync();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.TargetId == id && e.Action == AuditAction.UpdateUser).OrderBy(e => e.Id).ToListAsync();
        return (upn, entries);
    }

    [Fact]
    public async Task Patch_WithAUserPrincipalName_RenamesTheUser_IgnoringCase_WithOneAuditEntry()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll, name: "Renamer");
        var id = await NewUserAsync(client, "rename.me");

        var patched = await client.PatchAsync($"/v1.0/users/{id}", Json("""{"userPrincipalName":"Renamed.Person@Contoso.com","jobTitle":"Buyer"}"""));
        var byNewName = await client.GetAsync("/v1.0/users/renamed.person@contoso.com?$select=id,userPrincipalName,mail,jobTitle");
        var byOldName = await client.GetAsync("/v1.0/users/rename.me@contoso.com");

        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        using var read = JsonDocument.Parse(await byNewName.Content.ReadAsStringAsync());
        Assert.Equal((id.ToString(), "renamed.person@contoso.com", "Buyer"), (read.RootElement.GetProperty("id").GetString(),
            read.RootElement.GetProperty("userPrincipalName").GetString(), read.RootElement.GetProperty("jobTitle").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, byOldName.StatusCode);
        var (upn, entries) = await StateOfAsync(id);
        Assert.Equal("renamed.person@contoso.com", upn);
        var entry = Assert.Single(entries);
        Assert.Equal((AuditOutcome.Succeeded, "Renamer"), (entry.Outcome, entry.ActorUpn));
        using var before = JsonDocument.Parse(entry.Before!);
        using var after = JsonDocument.Parse(entry.After!);
        Assert.Equal("rename.me@contoso.com", before.RootElement.GetProperty("userPrincipalName").GetString());
        Assert.Equal("renamed.person@contoso.com", after.RootElement.GetProperty("userPrincipalName").GetString());
        Assert.Equal("Buyer", after.RootElement.GetProperty("jobTitle").GetString());
    }

    [Fact]
    public async Task Patch_ToTheSameNameInOtherCase_IsNoRename()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);
        var id = await NewUserAsync(client, "same.name");

        var patched = await client.PatchAsync($"/v1.0/users/{id}", Json("""{"userPrincipalName":"SAME.NAME@contoso.com"}"""));

        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        var (upn, entries) = await StateOfAsync(id);
        Assert.Equal("same.name@contoso.com", upn);
        Assert.DoesNotContain("userPrincipalName", Assert.Single(entries).After);
    }

    [Theory]
    [InlineData("""{"userPrincipalName":"Admin@CONTOSO.com"}""", "Request_BadRequest",
        "Another object with the same value for property userPrincipalName already exists.")]
    [InlineData("""{"userPrincipalName":"taken.elsewhere@fabrikam.com"}""", "Request_BadRequest",
        "'taken.elsewhere@fabrikam.com' is not in this organisation's domain; user names here end with @contoso.com.")]
    [InlineData("""{"userPrincipalName":"no at sign"}""", "Request_BadRequest",
        "'no at sign' is not a valid username: use the form name@domain, e.g. anna@contoso.com.")]
    [InlineData("""{"userPrincipalName":null}""", "Request_BadRequest", "Property 'userPrincipalName' cannot be null.")]
    [InlineData("""{"userPrincipalName":42}""", "Request_BadRequest", "Property 'userPrincipalName' must be a string.")]
    [InlineData("""{"passwordProfile":{"password":"x"}}""", "Request_BadRequest",
        "Changing passwordProfile through the API is not supported; reset the password on the portal.")]
    [InlineData("""{"userPrincipalName":"fine.name@contoso.com","usageLocation":"Denmark"}""", "Request_BadRequest",
        "'Denmark' is not a usage location: use a two-letter country code such as DK or US.")]
    public async Task Patch_WithARenameTheRulesRefuse_Is400_AndChangesNothing(string body, string code, string message)
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);
        var id = await NewUserAsync(client, $"refused.{Guid.NewGuid():N}"[..20]);
        var before = await StateOfAsync(id);

        var response = await client.PatchAsync($"/v1.0/users/{id}", Json(body));

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, code, message);
        var after = await StateOfAsync(id);
        Assert.Equal(before.Upn, after.Upn);
        Assert.DoesNotContain(after.Entries, e => e.Outcome == AuditOutcome.Succeeded);
    }

    [Fact]
    public async Task Patch_RenamingAnAdmin_Is403_WithTheUserServicesSentence()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);

        var response = await client.PatchAsync("/v1.0/users/billing@contoso.com", Json("""{"userPrincipalName":"money@contoso.com"}"""));

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "Authorization_RequestDenied",
            "Your role (User administrator) cannot change billing@contoso.com, who has admin roles.");
    }

    [Fact]
    public async Task Patch_ToADeletedUsersName_Renames_AsADeletedUserFreesTheirName()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);
        var gone = await NewUserAsync(client, "left.company");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1.0/users/{gone}")).StatusCode);
        var id = await NewUserAsync(client, "joined.company");

        var response = await client.PatchAsync($"/v1.0/users/{id}", Json("""{"userPrincipalName":"left.company@contoso.com"}"""));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("left.company@contoso.com", (await StateOfAsync(id)).Upn);
    }

    [Fact]
    public async Task Patch_RenamingAUserWithASignInAccount_RenamesTheAccountToo()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);

        var renamed = await client.PatchAsync("/v1.0/users/user@contoso.com", Json("""{"userPrincipalName":"everyday.user@contoso.com"}"""));
        string? accountName;
        using (var scope = api.Factory.Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            accountName = (await accounts.FindByNameAsync("everyday.user@contoso.com"))?.Email;
        }
        var back = await client.PatchAsync("/v1.0/users/everyday.user@contoso.com", Json("""{"userPrincipalName":"user@contoso.com"}"""));

        Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);
        Assert.Equal("everyday.user@contoso.com", accountName);
        Assert.Equal(HttpStatusCode.NoContent, back.StatusCode);
    }
}
