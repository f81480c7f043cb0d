using System.Net;
using System.Text.Json;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.GraphApi;

/// <summary>/directory/deletedItems: Deleted users read page by page and restored through the user service.</summary>
public sealed class GraphDeletedItemsTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    private const string AppsForEnterprise = "c2273bd0-dff7-4215-9ef5-2c7bcfb06425";

    [Fact]
    public async Task DeletedUsers_ArePagedWithSelectAndANextLink_UnderBothCastNames()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);
        var gone = new[] { await GraphTestUsers.UnlicensedAsync(api, 10), await GraphTestUsers.UnlicensedAsync(api, 11) };
        foreach (var id in gone) Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1.0/users/{id}")).StatusCode);

        using var first = JsonDocument.Parse(await client.GetStringAsync("/v1.0/directory/deletedItems/microsoft.graph.user?$top=1&$select=id,displayName,deletedDateTime"));
        var next = first.RootElement.GetProperty("@odata.nextLink").GetString()!;
        var ids = first.RootElement.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("id").GetString()).ToList();
        while (next is not null)
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync(new Uri(next).PathAndQuery));
            ids.AddRange(page.RootElement.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("id").GetString()));
            next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }
        using var sdkName = JsonDocument.Parse(await client.GetStringAsync("/v1.0/directory/deletedItems/graph.user"));

        var row = Assert.Single(first.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(["deletedDateTime", "displayName", "id"], row.EnumerateObject().Select(p => p.Name).Order());
        Assert.EndsWith("Z", row.GetProperty("deletedDateTime").GetString());
        Assert.Equal(await DeletedCountAsync(), ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Superset(gone.Select(g => (string?)g.ToString()).ToHashSet(), ids.ToHashSet());
        Assert.Equal(ids.Count, sdkName.RootElement.GetProperty("value").GetArrayLength());
    }

    [Fact]
    public async Task ADeletedUser_IsReadById_ButAnActiveOrUnknownId_Is404()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);
        var user = await GraphTestUsers.UnlicensedAsync(api, 12);
        var active = await GraphTestUsers.UnlicensedAsync(api, 13);
        await client.DeleteAsync($"/v1.0/users/{user}");

        using var read = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/directory/deletedItems/{user}"));
        var notDeleted = await client.GetAsync($"/v1.0/directory/deletedItems/{active}");
        var notAnId = await client.GetAsync("/v1.0/directory/deletedItems/someone");

        Assert.Equal(user.ToString(), read.RootElement.GetProperty("id").GetString());
        Assert.Equal("#microsoft.graph.user", read.RootElement.GetProperty("@odata.type").GetString());
        Assert.True(read.RootElement.TryGetProperty("deletedDateTime", out _));
        await GraphErrorAssert.IsAsync(notDeleted, HttpStatusCode.NotFound, "Request_ResourceNotFound",
            $"Resource '{active}' does not exist or one of its queried reference-property objects are not present.");
        await GraphErrorAssert.IsAsync(notAnId, HttpStatusCode.NotFound, "Request_ResourceNotFound",
            "Resource 'someone' does not exist or one of its queried reference-property objects are not present.");
    }

    [Fact]
    public async Task Restore_BringsTheUserBackWithTheirLicense_AndIsAuditedAsTheApp()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll | ApiPermissions.LicenseAssignmentReadWriteAll, name: "Leavers script");
        var user = await GraphTestUsers.UnlicensedAsync(api, 14);
        await client.PostAsync($"/v1.0/users/{user}/assignLicense",
            GraphTestUsers.Json($$"""{"addLicenses":[{"skuId":"{{AppsForEnterprise}}","disabledPlans":[]}],"removeLicenses":[]}"""));
        await client.DeleteAsync($"/v1.0/users/{user}");

        var restored = await client.PostAsync($"/v1.0/directory/deletedItems/{user}/restore", null);
        var again = await client.PostAsync($"/v1.0/directory/deletedItems/{user}/restore", null);

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        using var body = JsonDocument.Parse(await restored.Content.ReadAsStringAsync());
        Assert.Equal("#microsoft.graph.user", body.RootElement.GetProperty("@odata.type").GetString());
        Assert.Equal(user.ToString(), body.RootElement.GetProperty("id").GetString());
        Assert.False(body.RootElement.TryGetProperty("@licenseAdmin.licensesNotRestored", out _));
        using var licensed = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/users/{user}?$select=assignedLicenses"));
        Assert.Equal(AppsForEnterprise, licensed.RootElement.GetProperty("assignedLicenses")[0].GetProperty("skuId").GetString());
        await GraphErrorAssert.IsAsync(again, HttpStatusCode.NotFound, "Request_ResourceNotFound",
            $"Resource '{user}' does not exist or one of its queried reference-property objects are not present.");
        await using var db = await ContosoAsync();
        var entry = await db.AuditEntries.Where(e => e.TargetId == user && e.Action == AuditAction.RestoreUser).SingleAsync();
        Assert.Equal("Leavers script", entry.ActorUpn);
    }

    [Fact]
    public async Task Restore_WhenTheUsernameIsTakenAgain_Is400_WithGraphsSentence_AndRestoresNothing()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);
        const string create = """
            {"accountEnabled":true,"displayName":"Ida Lund","mailNickname":"ida.lund","userPrincipalName":"ida.lund@contoso.com","passwordProfile":{"password":"xWwvJ]6NMw+bWH-d"}}
            """;
        using var first = JsonDocument.Parse(await (await client.PostAsync("/v1.0/users", GraphTestUsers.Json(create))).Content.ReadAsStringAsync());
        var firstId = first.RootElement.GetProperty("id").GetString();
        await client.DeleteAsync($"/v1.0/users/{firstId}");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/v1.0/users", GraphTestUsers.Json(create))).StatusCode);

        var response = await client.PostAsync($"/v1.0/directory/deletedItems/{firstId}/restore", null);

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest",
            "Another object with the same value for property userPrincipalName already exists.");
        using var stillDeleted = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/directory/deletedItems/{firstId}"));
        Assert.Equal(firstId, stillDeleted.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Restore_WithoutAFreeSeat_RestoresTheUser_AndNamesTheLicenseThatDidNotComeBack()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll | ApiPermissions.LicenseAssignmentReadWriteAll);
        var user = await GraphTestUsers.UnlicensedAsync(api, 20);
        await client.PostAsync($"/v1.0/users/{user}/assignLicense",
            GraphTestUsers.Json($$"""{"addLicenses":[{"skuId":"{{AppsForEnterprise}}","disabledPlans":[]}],"removeLicenses":[]}"""));
        await client.DeleteAsync($"/v1.0/users/{user}");
        // The freed seat and every other goes to someone else.
        for (var i = 21; await FreeSeatsAsync(Guid.Parse(AppsForEnterprise)) > 0; i++)
        {
            var other = await GraphTestUsers.UnlicensedAsync(api, i);
            var taken = await client.PostAsync($"/v1.0/users/{other}/assignLicense",
                GraphTestUsers.Json($$"""{"addLicenses":[{"skuId":"{{AppsForEnterprise}}","disabledPlans":[]}],"removeLicenses":[]}"""));
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        }
        var upn = await UpnAsync(user);

        var restored = await client.PostAsync($"/v1.0/directory/deletedItems/{user}/restore", null);

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        using var body = JsonDocument.Parse(await restored.Content.ReadAsStringAsync());
        var missing = Assert.Single(body.RootElement.GetProperty("@licenseAdmin.licensesNotRestored").EnumerateArray());
        Assert.Equal((AppsForEnterprise, "CountViolation", $"Microsoft 365 Apps for enterprise was not restored for {upn}: no seat is free."),
            (missing.GetProperty("skuId").GetString(), missing.GetProperty("licenseError").GetString(), missing.GetProperty("message").GetString()));
        Assert.Equal(0, await FreeSeatsAsync(Guid.Parse(AppsForEnterprise)));
    }

    [Fact]
    public async Task Restore_WithOnlyReadPermission_Is403()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        var response = await client.PostAsync($"/v1.0/directory/deletedItems/{Guid.NewGuid()}/restore", null);

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }

    private async Task<AppDbContext> ContosoAsync() =>
        await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);

    private async Task<int> DeletedCountAsync()
    {
        await using var db = await ContosoAsync();
        return await db.DirectoryUsers.CountAsync(u => u.DeletedUtc != null);
    }

    private async Task<string> UpnAsync(Guid user)
    {
        await using var db = await ContosoAsync();
        return await db.DirectoryUsers.Where(u => u.Id == user).Select(u => u.UserPrincipalName).SingleAsync();
    }

    private async Task<int> FreeSeatsAsync(Guid product)
    {
        await using var db = await ContosoAsync();
        var counter = await db.SeatCounters.AsNoTracking().SingleAsync(c => c.ProductId == product);
        return counter.TotalSeats - counter.AssignedSeats;
    }
}
