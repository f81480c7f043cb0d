using System.Net;
using System.Text.Json;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.GraphApi;

/// <summary>$search and /users/$count: advanced queries that need ConsistencyLevel: eventual, as in Graph.</summary>
public sealed class GraphSearchTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    [Fact]
    public async Task SearchOnDisplayName_FindsEveryUserWithAWordStartingWithIt_IgnoringCase()
    {
        var client = await EventualClientAsync();
        var (word, expected) = await AWordSharedByUsersAsync();

        using var body = JsonDocument.Parse(await client.GetStringAsync(
            $"/v1.0/users?$search=\"displayName:{word.ToUpperInvariant()}\"&$count=true&$select=id,displayName&$top=999"));

        var found = body.RootElement.GetProperty("value").EnumerateArray().Select(u => Guid.Parse(u.GetProperty("id").GetString()!)).Order().ToList();
        Assert.Equal(expected.Order(), found);
        Assert.Equal(expected.Count, body.RootElement.GetProperty("@odata.count").GetInt64());
    }

    [Fact]
    public async Task ASearchNextLink_WorksWithoutRepeatingTheHeader()
    {
        var client = await EventualClientAsync();
        var (word, expected) = await AWordSharedByUsersAsync();

        using var first = JsonDocument.Parse(await client.GetStringAsync($"/v1.0/users?$search=\"displayName:{word}\"&$top=1"));
        client.DefaultRequestHeaders.Remove("ConsistencyLevel");
        var next = first.RootElement.GetProperty("@odata.nextLink").GetString()!;
        var second = await client.GetAsync(new Uri(next).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var page = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Contains(Guid.Parse(page.RootElement.GetProperty("value")[0].GetProperty("id").GetString()!), expected);
    }

    [Fact]
    public async Task SearchWithoutEventualConsistency_Is400_AsInGraph()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        var response = await client.GetAsync("/v1.0/users?$search=\"displayName:anna\"");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_UnsupportedQuery",
            "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
    }

    [Theory]
    [InlineData("\"shoeSize:44\"",
        "Searching on the property 'shoeSize' is not supported; search displayName, givenName, surname, mail, userPrincipalName, jobTitle or department.")]
    [InlineData("\"anna\"", "The $search term 'anna' names no property; write it as \"displayName:anna\".")]
    public async Task ASearchOutsideTheSubset_Is400_NamingThePart(string search, string message)
    {
        var client = await EventualClientAsync();

        var response = await client.GetAsync($"/v1.0/users?$search={search}");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_UnsupportedQuery", message);
    }

    [Fact]
    public async Task UsersCount_IsTextPlain_WithTheFilterApplied()
    {
        var client = await EventualClientAsync();
        await using var db = await ContosoAsync();
        var active = await db.DirectoryUsers.CountAsync(u => u.DeletedUtc == null);
        var dk = await db.DirectoryUsers.CountAsync(u => u.DeletedUtc == null && u.UsageLocation == "DK");

        var all = await client.GetAsync("/v1.0/users/$count");
        var filtered = await client.GetStringAsync("/v1.0/users/$count?$filter=usageLocation eq 'DK'");

        Assert.Equal("text/plain", all.Content.Headers.ContentType?.MediaType);
        Assert.Equal(active.ToString(), await all.Content.ReadAsStringAsync());
        Assert.Equal(dk.ToString(), filtered);
    }

    [Fact]
    public async Task UsersCount_WithoutEventualConsistency_Is400()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        var response = await client.GetAsync("/v1.0/users/$count");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_UnsupportedQuery",
            "$count is an advanced query: send the header 'ConsistencyLevel: eventual'.");
    }

    private async Task<HttpClient> EventualClientAsync()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);
        client.DefaultRequestHeaders.Add("ConsistencyLevel", "eventual");
        return client;
    }

    private async Task<AppDbContext> ContosoAsync() =>
        await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);

    /// <summary>A first name several active users share, and every active user with a word of their name starting with it.</summary>
    private async Task<(string Word, List<Guid> Users)> AWordSharedByUsersAsync()
    {
        await using var db = await ContosoAsync();
        var users = await db.DirectoryUsers.Where(u => u.DeletedUtc == null).Select(u => new { u.Id, u.DisplayName }).ToListAsync();
        var word = users.Select(u => u.DisplayName.Split(' ')[0].ToLowerInvariant())
            .GroupBy(w => w).Where(g => g.Count() >= 2).OrderBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var matching = users.Where(u => u.DisplayName.ToLowerInvariant().Split(' ').Any(w => w.StartsWith(word, StringComparison.Ordinal))).Select(u => u.Id).ToList();
        return (word, matching);
    }
}
