using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Services.Apps;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// The Graph-compatible API as a script uses it: the real portal in this process on Kestrel, an app registered through
/// the app service, a token fetched over HTTP from the token endpoint. (a) the unlicensed users' first page with
/// <c>$count</c> beside the same page in plain SQL; (b) <c>assignLicense</c> from 20 clients at once until the product's
/// seats run out (calls per second, no seat oversold, only seat refusals); (c) a change of the whole bulk selection
/// (10,000 users at full size) through the bulk preview and apply endpoints, beside the time Graph's documented write
/// limit needs for the same change one <c>assignLicense</c> call per user. Both write Power BI Pro, which the seeded
/// tenant subscribes with 500 seats more than the selection and nobody holds: (c) runs first, so (b) has 500 seats
/// for 540 calls at every size.
/// </summary>
public sealed class ApiBenchmark(BenchmarkDatabase template, SeededTenant tenant, BenchmarkOptions options, Report report)
{
    public const int PageSize = 100;
    public const int Clients = 20;

    /// <summary>
    /// Graph's write quota per app and tenant for identity paths (assignLicense is one write): 3,000 requests per 2 minutes
    /// 30 seconds, so 20 a second (Microsoft Graph service-specific throttling limits, "Identity and access service limits").
    /// </summary>
    public const double GraphWritesPerSecond = 3000 / 150.0;

    private const string UnlicensedQuery =
        "/v1.0/users?$filter=assignedLicenses/$count eq 0&$count=true&$select=id,displayName,userPrincipalName,assignedLicenses&$top=100";

    public async Task RunAsync()
    {
        await using var copy = template.Copy();
        await using var portal = new BenchmarkPortal(copy);
        portal.Start();
        using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(portal, http));

        await UnlicensedPageAsync(copy, http);
        // The bulk change takes all but 500 of Power BI Pro's free seats; the 20 clients then fight over those 500.
        await BulkChangeAsync(http);
        await AssignLicenseRaceAsync(copy, http);
    }

    /// <summary>Registers an app as the tenant's Global administrator would and fetches a token over HTTP.</summary>
    private async Task<string> TokenAsync(BenchmarkPortal portal, HttpClient http)
    {
        var apps = portal.Services.GetRequiredService<ApiAppService>();
        var app = await apps.RegisterAsync(tenant.Admin, "Benchmark script", CancellationToken.None);
        await apps.GrantAsync(tenant.Admin, app.Id,
            ApiPermissions.UserReadAll | ApiPermissions.OrganizationReadAll | ApiPermissions.LicenseAssignmentReadWriteAll, CancellationToken.None);
        var secret = await apps.AddSecretAsync(tenant.Admin, app.Id, "benchmark", 1, CancellationToken.None);
        var response = await http.PostAsync("/northwind.example/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = app.ClientId.ToString(), ["client_secret"] = secret.Text,
            ["scope"] = "https://graph.microsoft.com/.default",
        }));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>(a) The first page of unlicensed users with their number, over HTTP and in plain SQL.</summary>
    private async Task UnlicensedPageAsync(BenchmarkDatabase database, HttpClient http)
    {
        string? body = null;
        var sample = await Timing.MeasureAsync(options.WarmUps, options.PageRepetitions, async () => body = await UnlicensedAsync(http, UnlicensedQuery));
        var floor = await Timing.MeasureAsync(options.WarmUps, options.PageRepetitions, () => Task.FromResult(Floor(database, 0)));
        report.Add($"8 api: unlicensed users, $count, $top={PageSize}", sample, floor, "HTTP + token check + JSON vs the same SQL");

        using var first = JsonDocument.Parse(body!);
        var count = first.RootElement.GetProperty("@odata.count").GetInt32();
        var ids = first.RootElement.GetProperty("value").EnumerateArray().Select(u => Guid.Parse(u.GetProperty("id").GetString()!)).ToList();
        report.Check("api unlicensed @odata.count", count == tenant.UnlicensedUsers, $"{count:N0}, expected {tenant.UnlicensedUsers:N0}");
        report.Check("api unlicensed page matches floor", ids.SequenceEqual(Floor(database, 0)), $"{ids.Count} rows in the order of plain SQL");

        // The next link is a keyset page: the second page is the floor's rows 100 to 199, with nothing seen twice.
        var next = first.RootElement.GetProperty("@odata.nextLink").GetString()!;
        using var second = JsonDocument.Parse(await UnlicensedAsync(http, new Uri(next).PathAndQuery));
        var secondIds = second.RootElement.GetProperty("value").EnumerateArray().Select(u => Guid.Parse(u.GetProperty("id").GetString()!)).ToList();
        report.Check("api unlicensed nextLink page matches floor", secondIds.SequenceEqual(Floor(database, PageSize)) && !secondIds.Intersect(ids).Any(),
            $"{secondIds.Count} rows after the first page");
    }

    private static async Task<string> UnlicensedAsync(HttpClient http, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add("ConsistencyLevel", "eventual");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
    }

    /// <summary>The same page in plain SQL: the count, the page by display name and username, and the page's licenses.</summary>
    private List<Guid> Floor(BenchmarkDatabase database, int skip)
    {
        var provider = database.Provider;
        using var connection = database.OpenConnection();
        using var transaction = provider.BeginRead(connection);
        var tenantId = ("@t", provider.Id(tenant.TenantId));
        const string where = "WHERE u.\"TenantId\" = @t AND u.\"DeletedUtc\" IS NULL AND u.\"LicenseCount\" = 0";
        Sql.Scalar(connection, transaction, $"SELECT COUNT(*) FROM \"DirectoryUsers\" u {where}", tenantId);
        var ids = new List<Guid>();
        using (var page = Sql.Command(connection, transaction,
                   $"SELECT u.\"Id\", u.\"DisplayName\", u.\"UserPrincipalName\" FROM \"DirectoryUsers\" u {where} " +
                   $"ORDER BY u.\"DisplayName\", u.\"UserPrincipalName\" {provider.Page(PageSize, skip)}", tenantId))
        using (var reader = page.ExecuteReader())
            while (reader.Read()) ids.Add(provider.ReadId(reader, 0));
        using (var licenses = Sql.Command(connection, transaction,
                   $"SELECT a.\"UserId\", a.\"ProductId\" FROM \"LicenseAssignments\" a WHERE a.\"UserId\" IN ({string.Join(',', ids.Select(provider.Literal))})"))
        using (var reader = licenses.ExecuteReader())
            while (reader.Read()) _ = reader.GetValue(1);
        transaction.Commit();
        return ids;
    }

    /// <summary>(b) 20 clients call assignLicense for Power BI Pro, one user each call, for 40 users more than there are seats.</summary>
    private async Task AssignLicenseRaceAsync(BenchmarkDatabase database, HttpClient http)
    {
        var product = tenant.Products.PowerBi;
        var (prepaid, consumedBefore) = await SeatsAsync(http, product);
        var free = prepaid - consumedBefore;
        var users = Users(database, product, free + 2 * Clients);
        var queue = new System.Collections.Concurrent.ConcurrentQueue<Guid>(users);
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();
        var body = JsonContent.Create(new { addLicenses = new[] { new { skuId = product, disabledPlans = Array.Empty<Guid>() } }, removeLicenses = Array.Empty<Guid>() });
        await body.LoadIntoBufferAsync();
        var payload = await body.ReadAsStringAsync();

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var user))
            {
                using var content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json");
                using var response = await http.PostAsync($"/v1.0/users/{user}/assignLicense", content);
                outcomes.Add(await OutcomeAsync(response));
            }
        })));
        watch.Stop();

        var perSecond = users.Count / watch.Elapsed.TotalSeconds;
        var won = outcomes.Count(o => o == "won");
        var others = outcomes.Where(o => o is not "won" and not "CountViolation").Distinct().ToList();
        report.Add($"8 api: assignLicense, {Clients} clients, {users.Count:N0} calls", new Sample(watch.Elapsed.TotalMilliseconds, watch.Elapsed.TotalMilliseconds, 1),
            note: $"{perSecond:N1} calls/s ({perSecond / GraphWritesPerSecond:F2}x Graph's {GraphWritesPerSecond:N0} writes/s per app); {won:N0} assigned, {outcomes.Count - won:N0} refused for seats");
        var (_, consumedAfter) = await SeatsAsync(http, product);
        using var connection = database.OpenConnection();
        var stored = Sql.Scalar(connection, null,
            "SELECT COUNT(*) FROM \"LicenseAssignments\" WHERE \"TenantId\" = @t AND \"ProductId\" = @p",
            ("@t", database.Provider.Id(tenant.TenantId)), ("@p", database.Provider.Id(product)));
        report.Check("api assignLicense filled every free seat", won == free, $"{won:N0} assigned, {free:N0} seats were free");
        report.Check("api assignLicense oversold nothing", stored == prepaid && consumedAfter == prepaid,
            $"{stored:N0} stored, subscribedSkus says {consumedAfter:N0} of {prepaid:N0}");
        report.Check("api assignLicense refusals are all seat refusals", others.Count == 0,
            others.Count == 0 ? $"{outcomes.Count - won:N0} CountViolation" : string.Join(" | ", others.Take(3)));
    }

    private static async Task<string> OutcomeAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return "won";
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            using var error = JsonDocument.Parse(text);
            var inner = error.RootElement.GetProperty("error").GetProperty("innerError");
            if (response.StatusCode == HttpStatusCode.BadRequest && inner.TryGetProperty("licenseError", out var code) && code.GetString() == "CountViolation")
                return "CountViolation";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }
        return $"{(int)response.StatusCode}: {Shortened(text)}";
    }

    /// <summary>The product's seats as subscribedSkus reports them: the total and those assigned.</summary>
    private static async Task<(int Prepaid, int Consumed)> SeatsAsync(HttpClient http, Guid product)
    {
        using var skus = JsonDocument.Parse(await http.GetStringAsync("/v1.0/subscribedSkus"));
        var sku = skus.RootElement.GetProperty("value").EnumerateArray().Single(s => s.GetProperty("skuId").GetGuid() == product);
        return (sku.GetProperty("prepaidUnits").GetProperty("enabled").GetInt32(), sku.GetProperty("consumedUnits").GetInt32());
    }

    /// <summary>Active users of the tenant that do not hold the product, in id order.</summary>
    private List<Guid> Users(BenchmarkDatabase database, Guid product, int count)
    {
        var provider = database.Provider;
        using var connection = database.OpenConnection();
        using var command = Sql.Command(connection, null,
            "SELECT u.\"Id\" FROM \"DirectoryUsers\" u WHERE u.\"TenantId\" = @t AND u.\"DeletedUtc\" IS NULL AND u.\"UsageLocation\" IS NOT NULL " +
            "AND NOT EXISTS (SELECT 1 FROM \"LicenseAssignments\" a WHERE a.\"UserId\" = u.\"Id\" AND a.\"ProductId\" = @p) " +
            $"ORDER BY u.\"Id\" {provider.Page(count, 0)}",
            ("@t", provider.Id(tenant.TenantId)), ("@p", provider.Id(product)));
        using var reader = command.ExecuteReader();
        var ids = new List<Guid>();
        while (reader.Read()) ids.Add(provider.ReadId(reader, 0));
        return ids;
    }

    /// <summary>(c) Power BI Pro for every user of the bulk selection, previewed then applied through the bulk endpoints.</summary>
    private async Task BulkChangeAsync(HttpClient http)
    {
        var change = new
        {
            mode = "addToExisting",
            userIds = tenant.Selection,
            licenses = new[] { new { skuId = tenant.Products.PowerBi, disabledPlans = Array.Empty<Guid>() } },
        };
        var watch = Stopwatch.StartNew();
        var preview = await http.PostAsJsonAsync("/api/licenses/bulk/preview", change);
        using var previewBody = JsonDocument.Parse(await preview.Content.ReadAsStringAsync());
        var previewMs = watch.Elapsed.TotalMilliseconds;
        var valid = preview.IsSuccessStatusCode && previewBody.RootElement.GetProperty("valid").GetBoolean();
        var expected = valid ? previewBody.RootElement.GetProperty("usersChanged").GetInt32() : -1;
        var apply = await http.PostAsJsonAsync("/api/licenses/bulk/apply", new
        {
            change.mode, change.userIds, change.licenses,
            previewToken = valid ? previewBody.RootElement.GetProperty("previewToken").GetString() : "",
        });
        var applyText = await apply.Content.ReadAsStringAsync();
        watch.Stop();

        var graphSeconds = tenant.Selection.Count / GraphWritesPerSecond;
        report.Add($"8 api: bulk addToExisting preview + apply ({tenant.Selection.Count:N0})",
            new Sample(watch.Elapsed.TotalMilliseconds, watch.Elapsed.TotalMilliseconds, 1),
            note: $"preview {previewMs / 1000:F1} s; Graph at {GraphWritesPerSecond:N0} writes/s: {graphSeconds:N0} s ({graphSeconds * 1000 / watch.Elapsed.TotalMilliseconds:F1}x longer)");
        report.Check("api bulk preview valid", valid, valid ? $"{expected:N0} of {tenant.Selection.Count:N0} users change" : Shortened(previewBody.RootElement.ToString()));
        var changed = apply.IsSuccessStatusCode ? JsonDocument.Parse(applyText).RootElement.GetProperty("usersChanged").GetInt32() : -1;
        report.Check("api bulk apply changed the previewed users", changed == expected && expected > 0,
            apply.IsSuccessStatusCode ? $"{changed:N0} changed, preview said {expected:N0}" : $"{(int)apply.StatusCode}: {Shortened(applyText)}");
    }

    private static string Shortened(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
