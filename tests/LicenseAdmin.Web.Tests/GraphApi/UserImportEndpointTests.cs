using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.GraphApi;

/// <summary>/api/users/import: the Add multiple users dialog's import (preview, apply, undo) for scripts, through the same import service.</summary>
public sealed class UserImportEndpointTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    private const string Header = "User Name,First Name,Last Name,Display Name,Job Title,Department,Office Number,Office Phone,Mobile Phone,Fax,Alternate email address,Address,City,State or Province,ZIP or Postal Code,Country or Region,Usage Location";

    private static string Person(string name) =>
        $"{name}@contoso.com,{name},Imported,{name} Imported,Buyer,Sales,B12,+45 33 12 34 56,,,{name}@example.com,Vesterbrogade 1,København,,1620,Denmark,DK";

    private static ByteArrayContent Csv(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static ByteArrayContent Csv(params string[] lines) => Csv(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));

    private static MultipartFormDataContent Form(params string[] lines)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "users.csv");
        return form;
    }

    [Fact]
    public async Task PreviewApplyUndo_OfACsvBody_AddsTheUsersWithLicenses_ShowsPasswordsOnce_AndUndoRemovesThem()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll | ApiPermissions.LicenseAssignmentReadWriteAll, name: "Import script");

        using var preview = await JsonAsync(await client.PostAsync("/api/users/import/preview?products=ENTERPRISEPACK", Csv(Header, Person("api.ida"), Person("api.ole"))));
        using var applied = await JsonAsync(await client.PostAsync("/api/users/import/apply?products=ENTERPRISEPACK", Form(Header, Person("api.ida"), Person("api.ole"))));
        var users = applied.RootElement.GetProperty("users").EnumerateArray().ToList();
        var added = await ActiveAsync("api.ida@contoso.com", "api.ole@contoso.com");
        using var undone = await JsonAsync(await client.PostAsync($"/api/users/import/{applied.RootElement.GetProperty("importId").GetString()}/undo", null));

        Assert.True(preview.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(2, preview.RootElement.GetProperty("users").GetInt32());
        Assert.Empty(preview.RootElement.GetProperty("problems").EnumerateArray());
        var seat = Assert.Single(preview.RootElement.GetProperty("seats").EnumerateArray());
        Assert.Equal(2, seat.GetProperty("needed").GetInt32());
        Assert.Equal(["api.ida@contoso.com", "api.ole@contoso.com"], users.Select(u => u.GetProperty("userPrincipalName").GetString()));
        Assert.All(users, u => Assert.False(string.IsNullOrEmpty(u.GetProperty("password").GetString())));
        Assert.Equal(JsonValueKind.String, applied.RootElement.GetProperty("licenseOperationId").ValueKind);
        Assert.Equal(2, added);
        Assert.Equal(2, undone.RootElement.GetProperty("usersRemoved").GetInt32());
        Assert.Equal(0, await ActiveAsync("api.ida@contoso.com", "api.ole@contoso.com"));
    }

    [Fact]
    public async Task UndoOfAnImportTheOrganisationDoesNotHave_Is404_InGraphsEnvelope_NamingTheImport()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);
        var unknown = Guid.NewGuid();

        var response = await client.PostAsync($"/api/users/import/{unknown}/undo", null);

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.NotFound, "Request_ResourceNotFound",
            $"There is no import {unknown} with users left to remove in this organisation.");
    }

    [Fact]
    public async Task APreviewOfAFileWithWrongLines_NamesEachProblemByLineAndColumn_AsTheDialogDoes()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);

        using var preview = await JsonAsync(await client.PostAsync("/api/users/import/preview?passwords=false",
            Form(Header, Person("api.eva"), Person("api.eva").Replace("contoso.com,", "fabrikam.com,", StringComparison.Ordinal))));

        Assert.False(preview.RootElement.GetProperty("valid").GetBoolean());
        var problem = Assert.Single(preview.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal((3, "User Name"), (problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetString()));
        Assert.Equal("Line 3, User Name: 'api.eva@fabrikam.com' is not in this organisation's domain; user names here end with @contoso.com.",
            problem.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("empty", "The file is empty: it needs the header line of the template and one line per user.")]
    [InlineData("binary", "The file is not a CSV text file: save it from your spreadsheet as CSV (UTF-8) and upload it again.")]
    [InlineData("headers", "The file was not imported; 2 problems: Line 1: 'Email' is not a column of the template; use the headers of the downloaded template. Line 1: The header line has no 'User Name' column; every user needs one.")]
    [InlineData("fabrikam", "Line 2, User Name: 'ida@fabrikam.com' is not in this organisation's domain; user names here end with @contoso.com.")]
    public async Task ApplyingAWrongFile_Is400_WithTheSameMessage_AndAddsNobody(string kind, string message)
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);
        var before = await CountAsync();
        byte[] bytes = kind switch
        {
            "empty" => [],
            "binary" => [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00],
            "headers" => Encoding.UTF8.GetBytes("Email,Display Name\r\nida@contoso.com,Ida\r\n"),
            _ => Encoding.UTF8.GetBytes("User Name,Display Name\r\nida@fabrikam.com,Ida\r\n"),
        };

        var response = await client.PostAsync("/api/users/import/apply?passwords=false", Csv(bytes));

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest", message);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task AFileOver50MB_Is400_NamingItsSize()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);

        var response = await client.PostAsync("/api/users/import/preview", Csv(new byte[50 * 1024 * 1024]));

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest",
            "The file has 52,428,800 bytes; a file of users can be at most 52,428,799 bytes.");
    }

    [Fact]
    public async Task WithoutUserReadWriteAll_Is403()
    {
        var reader = await api.ClientWithAsync(ApiPermissions.UserReadAll | ApiPermissions.LicenseAssignmentReadWriteAll);

        var response = await reader.PostAsync("/api/users/import/preview", Csv(Header, Person("api.no")));

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text);
    }

    private async Task<AppDbContext> ContosoAsync() =>
        await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);

    private async Task<int> ActiveAsync(params string[] upns)
    {
        await using var db = await ContosoAsync();
        return await db.DirectoryUsers.CountAsync(u => u.DeletedUtc == null && upns.Contains(u.UserPrincipalName));
    }

    private async Task<int> CountAsync()
    {
        await using var db = await ContosoAsync();
        return await db.DirectoryUsers.IgnoreQueryFilters().CountAsync();
    }
}
