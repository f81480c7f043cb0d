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

/// <summary>/api/licenses: the grid dialog's bulk change (preview, apply, undo) for scripts, through the same license service.</summary>
public sealed class BulkLicenseEndpointTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    private static readonly Guid E3 = Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900");
    private static readonly Guid E5 = Guid.Parse("c7df2760-2c81-4ef7-b578-5b5392b571df");
    private static readonly Guid AvatarsForTeams = Guid.Parse("dcf9d2f4-772e-4434-b757-77a453cfbc02");

    [Fact]
    public async Task PreviewApplyUndo_ChangesEveryUserAllOrNothing_AndUndoGivesTheOldLicensesBack()
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll, name: "Bulk script");
        var users = await UsersAsync(0, 3);
        var change = new { mode = "addToExisting", userIds = users, licenses = new[] { new { skuId = E3, disabledPlans = new[] { AvatarsForTeams } } } };

        using var preview = await JsonAsync(await client.PostAsJsonAsync("/api/licenses/bulk/preview", change));
        var token = preview.RootElement.GetProperty("previewToken").GetString();
        using var applied = await JsonAsync(await client.PostAsJsonAsync("/api/licenses/bulk/apply", new { change.mode, change.userIds, change.licenses, previewToken = token }));
        var operation = applied.RootElement.GetProperty("operationId").GetString();
        var held = await HoldersAsync(users, E3);
        using var undone = await JsonAsync(await client.PostAsync($"/api/licenses/operations/{operation}/undo", null));

        Assert.True(preview.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(3, preview.RootElement.GetProperty("usersChanged").GetInt32());
        var seat = Assert.Single(preview.RootElement.GetProperty("seats").EnumerateArray());
        Assert.Equal((E3.ToString(), 3, true), (seat.GetProperty("skuId").GetString(), seat.GetProperty("seatsNeeded").GetInt32(), seat.GetProperty("satisfied").GetBoolean()));
        Assert.Equal(AvatarsForTeams.ToString(), preview.RootElement.GetProperty("changes")[0].GetProperty("addLicenses")[0].GetProperty("disabledPlans")[0].GetString());
        Assert.Equal(3, applied.RootElement.GetProperty("usersChanged").GetInt32());
        Assert.Equal(3, held);
        Assert.Equal(3, undone.RootElement.GetProperty("usersChanged").GetInt32());
        Assert.Equal(0, await HoldersAsync(users, E3));
        await using var db = await ContosoAsync();
        var entries = await db.AuditEntries.Where(e => e.Action == AuditAction.ChangeUserLicense && e.ActorUpn == "Bulk script").CountAsync();
        Assert.Equal(6, entries);
    }

    [Fact]
    public async Task ApplyingWithAPreviewOfAnotherRequest_Is409_AndChangesNothing()
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll);
        var users = await UsersAsync(10, 3);
        var licenses = new[] { new { skuId = E3, disabledPlans = Array.Empty<Guid>() } };

        using var preview = await JsonAsync(await client.PostAsJsonAsync("/api/licenses/bulk/preview", new { mode = "addToExisting", userIds = users.Take(2), licenses }));
        var response = await client.PostAsJsonAsync("/api/licenses/bulk/apply",
            new { mode = "addToExisting", userIds = users, licenses, previewToken = preview.RootElement.GetProperty("previewToken").GetString() });

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Conflict, "Request_StalePreview",
            "The preview is out of date: the change or the users' licenses are not what was previewed. Nothing was changed; preview again and apply that preview.");
        Assert.Equal(0, await HoldersAsync(users, E3));
    }

    [Fact]
    public async Task ApplyingAfterAUsersLicensesChanged_Is409_AndChangesNothing()
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll);
        var users = await UsersAsync(20, 2);
        var change = new { mode = "replaceExisting", userIds = users, licenses = new[] { new { skuId = E3, disabledPlans = Array.Empty<Guid>() } } };
        using var preview = await JsonAsync(await client.PostAsJsonAsync("/api/licenses/bulk/preview", change));
        var meanwhile = await client.PostAsync($"/v1.0/users/{users[0]}/assignLicense",
            GraphTestUsers.Json($$"""{"addLicenses":[{"skuId":"{{E3}}","disabledPlans":["{{AvatarsForTeams}}"]}],"removeLicenses":[]}"""));
        Assert.Equal(HttpStatusCode.OK, meanwhile.StatusCode);

        var response = await client.PostAsJsonAsync("/api/licenses/bulk/apply",
            new { change.mode, change.userIds, change.licenses, previewToken = preview.RootElement.GetProperty("previewToken").GetString() });

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Conflict, "Request_StalePreview",
            "The preview is out of date: the change or the users' licenses are not what was previewed. Nothing was changed; preview again and apply that preview.");
        Assert.Equal(1, await HoldersAsync(users, E3));
    }

    [Fact]
    public async Task AnInvalidPreview_NamesEveryViolation_AndItsApplyIsRefusedWithTheSameSentence()
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll);
        var users = await UsersAsync(30, 3);
        var change = new { mode = "addToExisting", userIds = users, licenses = new[] { new { skuId = E5, disabledPlans = Array.Empty<Guid>() } } };

        using var preview = await JsonAsync(await client.PostAsJsonAsync("/api/licenses/bulk/preview", change));
        var violation = Assert.Single(preview.RootElement.GetProperty("violations").EnumerateArray());
        var response = await client.PostAsJsonAsync("/api/licenses/bulk/apply",
            new { change.mode, change.userIds, change.licenses, previewToken = preview.RootElement.GetProperty("previewToken").GetString() });

        Assert.False(preview.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("CountViolation", violation.GetProperty("code").GetString());
        Assert.Equal("Office 365 E5: 3 seats needed, 1 available.", violation.GetProperty("message").GetString());
        var error = await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest", "Nothing was changed. Office 365 E5: 3 seats needed, 1 available.");
        Assert.Equal("CountViolation", error.GetProperty("innerError").GetProperty("licenseError").GetString());
        Assert.Equal(0, await HoldersAsync(users, E5));
    }

    [Theory]
    [InlineData("""{"mode":"addToExisting","userIds":[],"licenses":[]}""", "Property 'previewToken' is required: preview the change first and apply with the preview's previewToken.")]
    [InlineData("""{"mode":"everything","userIds":[],"previewToken":"x"}""", "Property 'mode' is 'everything'; use addToExisting, replaceExisting or removeAll.")]
    [InlineData("""{"mode":"removeAll","userIds":[],"previewToken":"x","colour":"red"}""", "Property 'colour' does not exist on a bulk license change.")]
    [InlineData("""{"mode":"removeAll","previewToken":"x"}""", "Property 'userIds' is required: the ids of the users to change.")]
    [InlineData("""{"mode":"removeAll","userIds":[""", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.")]
    public async Task ABadApplyBody_Is400_NamingTheProblem(string body, string message)
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll);

        var response = await client.PostAsync("/api/licenses/bulk/apply", GraphTestUsers.Json(body));

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest", message);
    }

    [Fact]
    public async Task UndoOfAnUnknownOperation_Is404_AndASecondUndo_Is400()
    {
        var client = await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll);
        var unknown = Guid.NewGuid();
        var users = await UsersAsync(40, 1);
        var change = new { mode = "addToExisting", userIds = users, licenses = new[] { new { skuId = E3, disabledPlans = Array.Empty<Guid>() } } };
        using var preview = await JsonAsync(await client.PostAsJsonAsync("/api/licenses/bulk/preview", change));
        using var applied = await JsonAsync(await client.PostAsJsonAsync("/api/licenses/bulk/apply",
            new { change.mode, change.userIds, change.licenses, previewToken = preview.RootElement.GetProperty("previewToken").GetString() }));
        var operation = applied.RootElement.GetProperty("operationId").GetString();
        await client.PostAsync($"/api/licenses/operations/{operation}/undo", null);

        var missing = await client.PostAsync($"/api/licenses/operations/{unknown}/undo", null);
        var twice = await client.PostAsync($"/api/licenses/operations/{operation}/undo", null);

        await GraphErrorAssert.IsAsync(missing, HttpStatusCode.NotFound, "Request_ResourceNotFound", $"There is no license change {unknown} in this organisation.");
        var text = await twice.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Matches(@"^This change \(Add to existing products, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\) was already undone; nothing was changed\.$",
            JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task BulkEndpoints_WithoutTheLicensePermission_Are403_AndWithoutAToken_401()
    {
        var reader = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        var forbidden = await reader.PostAsync("/api/licenses/bulk/preview", GraphTestUsers.Json("""{"mode":"removeAll","userIds":[]}"""));
        var anonymous = await api.Client().PostAsync("/api/licenses/bulk/preview", GraphTestUsers.Json("""{"mode":"removeAll","userIds":[]}"""));

        await GraphErrorAssert.IsAsync(forbidden, HttpStatusCode.Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text);
    }

    private async Task<AppDbContext> ContosoAsync() =>
        await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);

    // The unlicensed users as the class found them at its start; each test takes its own range.
    private static List<Guid>? _unlicensed;

    private async Task<List<Guid>> UsersAsync(int from, int count)
    {
        if (_unlicensed is null)
        {
            await using var db = await ContosoAsync();
            _unlicensed = await db.DirectoryUsers
                .Where(u => u.DeletedUtc == null && u.Roles == AdminRoles.None && u.UsageLocation != null && u.Kind == Domain.Users.UserKind.User)
                .Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id))
                .OrderBy(u => u.UserPrincipalName).Select(u => u.Id).ToListAsync();
        }
        return _unlicensed.Skip(from).Take(count).ToList();
    }

    private async Task<int> HoldersAsync(IEnumerable<Guid> users, Guid product)
    {
        var ids = users.ToList();
        await using var db = await ContosoAsync();
        return await db.LicenseAssignments.CountAsync(a => ids.Contains(a.UserId) && a.ProductId == product);
    }
}
