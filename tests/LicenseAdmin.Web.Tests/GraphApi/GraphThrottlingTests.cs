using System.Net;
using LicenseAdmin.Domain.Apps;

namespace LicenseAdmin.Web.Tests.GraphApi;

/// <summary>A portal whose limit is three calls per app per minute, so the fourth is throttled.</summary>
public sealed class ThrottledGraphApiFixture : IDisposable
{
    public GraphApiFixture Api { get; } = new();

    public ThrottledGraphApiFixture()
    {
        Api.Factory.With("GraphApi:RateLimit:PermitLimit", "3").With("GraphApi:RateLimit:WindowSeconds", "60");
    }

    public void Dispose() => Api.Dispose();
}

public sealed class GraphThrottlingTests(ThrottledGraphApiFixture throttled) : IClassFixture<ThrottledGraphApiFixture>
{
    [Fact]
    public async Task AnAppOverItsLimit_Gets429_WithRetryAfter_InGraphsEnvelope_WhileAnotherAppIsNotThrottled()
    {
        var busy = await throttled.Api.ClientWithAsync(ApiPermissions.OrganizationReadAll, name: "Busy");
        var quiet = await throttled.Api.ClientWithAsync(ApiPermissions.OrganizationReadAll, name: "Quiet");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/v1.0/subscribedSkus")).StatusCode);

        var throttledResponse = await busy.GetAsync("/v1.0/subscribedSkus");
        var other = await quiet.GetAsync("/v1.0/subscribedSkus");

        var seconds = int.Parse(Assert.Single(throttledResponse.Headers.GetValues("Retry-After")));
        Assert.InRange(seconds, 1, 60);
        await GraphErrorAssert.IsAsync(throttledResponse, HttpStatusCode.TooManyRequests, "TooManyRequests",
            $"Too many requests from this app. Retry after {seconds} seconds.");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task EachRequestOfABatch_CountsAgainstTheAppsLimit_AndTheOnesOverItAnswer429WithRetryAfter()
    {
        var batcher = await throttled.Api.ClientWithAsync(ApiPermissions.OrganizationReadAll, name: "Batcher");
        var requests = string.Join(",", Enumerable.Range(1, 5).Select(i => $$"""{"id":"{{i}}","method":"GET","url":"/subscribedSkus"}"""));

        var response = await batcher.PostAsync("/v1.0/$batch", GraphTestUsers.Json($$"""{"requests":[{{requests}}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var answers = body.RootElement.GetProperty("responses").EnumerateArray().ToList();
        Assert.Equal([200, 200, 200, 429, 429], answers.Select(r => r.GetProperty("status").GetInt32()));
        Assert.InRange(int.Parse(answers[3].GetProperty("headers").GetProperty("Retry-After").GetString()!), 1, 60);
        Assert.Equal("TooManyRequests", answers[3].GetProperty("body").GetProperty("error").GetProperty("code").GetString());
    }
}
