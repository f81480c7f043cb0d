using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.GraphApi;

/// <summary>
/// An app of Contoso naming Fabrikam's ids on every id-taking endpoint: a 404 in Graph's error envelope, exactly as for an
/// id that does not exist, and Fabrikam's rows as they were.
/// </summary>
public sealed class GraphCrossTenantTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    private static readonly Guid E3 = Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900");

    private static string NotFound(object id) => $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.";

    [Fact]
    public async Task LicenseDetailsPatchAndDelete_OfAnotherTenantsUser_Are404_AndTheUserIsUnchanged()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll | ApiPermissions.LicenseAssignmentReadWriteAll);
        var victim = await FabrikamUserAsync(0);
        var before = await SnapshotAsync(victim);

        var details = await client.GetAsync($"/v1.0/users/{victim}/licenseDetails");
        var patched = await client.PatchAsync($"/v1.0/users/{victim}", GraphTestUsers.Json("""{"department":"Stolen","accountEnabled":false}"""));
        var deleted = await client.DeleteAsync($"/v1.0/users/{victim}");

        await GraphErrorAssert.IsAsync(details, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(victim));
        await GraphErrorAssert.IsAsync(patched, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(victim));
        await GraphErrorAssert.IsAsync(deleted, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(victim));
        Assert.Equal(before, await SnapshotAsync(victim));
        Assert.Equal(0, await FabrikamAuditCountAsync());
    }

    [Fact]
    public async Task DeletedItems_ReadAndRestore_OfAnotherTenantsDeletedUser_Are404_AndTheUserStaysDeleted()
    {
        var fabrikam = await FabrikamClientAsync(ApiPermissions.UserReadWriteAll);
        var victim = await FabrikamUserAsync(1);
        Assert.Equal(HttpStatusCode.NoContent, (await fabrikam.DeleteAsync($"/v1.0/users/{victim}")).StatusCode);
        var before = await SnapshotAsync(victim);
        var contoso = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);

        var read = await contoso.GetAsync($"/v1.0/directory/deletedItems/{victim}");
        var restored = await contoso.PostAsync($"/v1.0/directory/deletedItems/{victim}/restore", null);

        await GraphErrorAssert.IsAsync(read, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(victim));
        await GraphErrorAssert.IsAsync(restored, HttpStatusCode.NotFound, "Request_ResourceNotFound", NotFound(victim));
        Assert.NotNull(before.DeletedUtc);
        Assert.Equal(before, await SnapshotAsync(victim));
    }

    [Fact]
    public async Task BulkPreviewAndApply_WithAnotherTenantsUserIds_AnswerAsForIdsThatDoNotExist_AndTheirLicensesAreUnchanged()
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll);
        var victims = new List<Guid> { await FabrikamUserAsync(2), await FabrikamUserAsync(3) };
        var unknown = new List<Guid> { Guid.NewGuid(), Guid.NewGuid() };
        var before = await Task.WhenAll(victims.Select(SnapshotAsync));

        var preview = await BulkAsync(client, "preview", victims);
        var apply = await BulkAsync(client, "apply", victims);
        var unknownPreview = await BulkAsync(client, "preview", unknown);
        var unknownApply = await BulkAsync(client, "apply", unknown);

        Assert.Equal(unknownPreview.Status, preview.Status);
        Assert.Equal(unknownApply.Status, apply.Status);
        Assert.Equal(Mask(unknownPreview.Body, unknown), Mask(preview.Body, victims));
        Assert.Equal(Mask(unknownApply.Body, unknown), Mask(apply.Body, victims));
        Assert.Contains($"The user {victims[0]} does not exist in this organisation.", preview.Body);
        Assert.Contains($"The user {victims[1]} does not exist in this organisation.", preview.Body);
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal(HttpStatusCode.BadRequest, apply.Status);
        var error = JsonDocument.Parse(apply.Body).RootElement.GetProperty("error");
        Assert.Equal("Request_BadRequest", error.GetProperty("code").GetString());
        Assert.Equal($"Nothing was changed. The user {victims[0]} does not exist in this organisation. The user {victims[1]} does not exist in this organisation.",
            error.GetProperty("message").GetString());
        Assert.Equal(before, await Task.WhenAll(victims.Select(SnapshotAsync)));
        Assert.Equal(0, await FabrikamAuditCountAsync());
    }

    private static async Task<(HttpStatusCode Status, string Body)> BulkAsync(HttpClient client, string step, List<Guid> users)
    {
        var response = await client.PostAsJsonAsync($"/api/licenses/bulk/{step}",
            new { mode = "removeAll", userIds = users, licenses = Array.Empty<object>(), previewToken = step == "apply" ? "forged" : null });
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body);
    }

    // The ids and per-request values (preview token, request id, dates) masked, so two answers compare as text.
    private static string Mask(string body, List<Guid> users)
    {
        for (var i = 0; i < users.Count; i++) body = body.Replace(users[i].ToString(), $"<user{i}>");
        body = System.Text.RegularExpressions.Regex.Replace(body, "\"previewToken\":\"[^\"]*\"", "\"previewToken\":\"<token>\"");
        body = System.Text.RegularExpressions.Regex.Replace(body, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<guid>");
        return System.Text.RegularExpressions.Regex.Replace(body, "\"date\":\"[^\"]*\"", "\"date\":\"<date>\"");
    }

    [Fact]
    public async Task UndoOfAnotherTenantsOperation_Is404_AndItsChangeStays()
    {
        var fabrikam = await FabrikamClientAsync(ApiPermissions.LicenseAssignmentReadWriteAll);
        var victim = await FabrikamUserAsync(4);
        var change = new { mode = "addToExisting", userIds = new[] { victim }, licenses = new[] { new { skuId = E3, disabledPlans = Array.Empty<Guid>() } } };
        using var preview = await JsonAsync(await fabrikam.PostAsJsonAsync("/api/licenses/bulk/preview", change));
        using var applied = await JsonAsync(await fabrikam.PostAsJsonAsync("/api/licenses/bulk/apply",
            new { change.mode, change.userIds, change.licenses, previewToken = preview.RootElement.GetProperty("previewToken").GetString() }));
        var operation = applied.RootElement.GetProperty("operationId").GetString();
        var before = await SnapshotAsync(victim);
        var contoso = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll);

        var undo = await contoso.PostAsync($"/api/licenses/operations/{operation}/undo", null);

        await GraphErrorAssert.IsAsync(undo, HttpStatusCode.NotFound, "Request_ResourceNotFound", $"There is no license change {operation} in this organisation.");
        Assert.Equal(1, before.Licenses);
        Assert.Equal(before, await SnapshotAsync(victim));
        Assert.Equal(0, await FabrikamAuditCountAsync());
    }

    private record Snapshot(string DisplayName, string? Department, bool SignInBlocked, DateTime? DeletedUtc, int Licenses);

    private async Task<Snapshot> SnapshotAsync(Guid user)
    {
        await using var db = await TenantAsync(DemoDataSeeder.FabrikamId);
        var u = await db.DirectoryUsers.IgnoreQueryFilters().AsNoTracking().SingleAsync(x => x.Id == user);
        return new Snapshot(u.DisplayName, u.Department, u.SignInBlocked, u.DeletedUtc, await db.LicenseAssignments.IgnoreQueryFilters().CountAsync(a => a.UserId == user));
    }

    private async Task<int> FabrikamAuditCountAsync()
    {
        await using var db = await TenantAsync(DemoDataSeeder.FabrikamId);
        return await db.AuditEntries.IgnoreQueryFilters().CountAsync(e => e.TenantId == DemoDataSeeder.FabrikamId && e.ActorRole.StartsWith("App ") && e.ActorUpn != "Fabrikam script");
    }

    private async Task<HttpClient> FabrikamClientAsync(ApiPermissions permissions)
    {
        var (app, secret) = await api.RegisterAsync("Fabrikam script", permissions, DemoDataSeeder.FabrikamId, "admin@fabrikam.com");
        return await api.ClientForAsync(app, secret, "fabrikam.com");
    }

    private async Task<AppDbContext> TenantAsync(Guid tenant) =>
        await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(tenant, CancellationToken.None);

    private static List<Guid>? _fabrikamUsers;

    private async Task<Guid> FabrikamUserAsync(int index)
    {
        if (_fabrikamUsers is null)
        {
            await using var db = await TenantAsync(DemoDataSeeder.FabrikamId);
            _fabrikamUsers = await db.DirectoryUsers
                .Where(u => u.DeletedUtc == null && u.Roles == AdminRoles.None && u.UsageLocation != null && u.Kind == Domain.Users.UserKind.User)
                .Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id))
                .OrderBy(u => u.UserPrincipalName).Select(u => u.Id).ToListAsync();
        }
        return _fabrikamUsers[index];
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text);
    }
}
