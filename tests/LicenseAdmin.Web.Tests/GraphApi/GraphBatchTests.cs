using System.Net;
using System.Text.Json;
using LicenseAdmin.Domain.Apps;

namespace LicenseAdmin.Web.Tests.GraphApi;

/// <summary>POST /v1.0/$batch: each request through the whole pipeline (its permission, its answer), dependsOn and 424.</summary>
public sealed class GraphBatchTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    [Fact]
    public async Task EachRequestOfABatch_IsAnsweredAsIfSentAlone_WithItsOwnPermissionCheck()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        using var body = await BatchAsync(client, """
            {"requests":[
              {"id":"1","method":"GET","url":"/users?$filter=usageLocation eq 'DK'&$select=id,usageLocation&$top=2"},
              {"id":"2","method":"GET","url":"/subscribedSkus"},
              {"id":"3","method":"GET","url":"/users/$count?$filter=usageLocation eq 'DK'","headers":{"ConsistencyLevel":"eventual"}},
              {"id":"4","method":"GET","url":"/v1.0/users/nobody@contoso.com"}
            ]}
            """);

        var responses = Responses(body);
        Assert.Equal([200, 403, 200, 404], responses.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal(["1", "2", "3", "4"], responses.Select(r => r.GetProperty("id").GetString()));
        var users = responses[0].GetProperty("body").GetProperty("value").EnumerateArray().ToList();
        Assert.Equal(2, users.Count);
        Assert.All(users, u => Assert.Equal("DK", u.GetProperty("usageLocation").GetString()));
        Assert.StartsWith("http://localhost/v1.0/users?", responses[0].GetProperty("body").GetProperty("@odata.nextLink").GetString());
        Assert.Equal("Authorization_RequestDenied", responses[1].GetProperty("body").GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("application/json", responses[1].GetProperty("headers").GetProperty("Content-Type").GetString()?.Split(';')[0]);
        Assert.Matches("^[0-9]+$", responses[2].GetProperty("body").GetString());
        Assert.Equal("Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects are not present.",
            responses[3].GetProperty("body").GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task ARequestWhoseDependencyFailed_IsNotRun_AndAnswers424_WhileOthersRun()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll);
        var unknown = Guid.NewGuid();

        using var body = await BatchAsync(client, """
            {"requests":[
              {"id":"a","method":"PATCH","url":"/users/UNKNOWN","body":{"jobTitle":"Chef"}},
              {"id":"b","method":"POST","url":"/users","dependsOn":["a"],"body":{"accountEnabled":true,"displayName":"Never Made","mailNickname":"never","userPrincipalName":"never.made@contoso.com","passwordProfile":{"password":"xWwvJ]6NMw+bWH-d"}}},
              {"id":"c","method":"GET","url":"/users/never.made@contoso.com","dependsOn":["b"]},
              {"id":"d","method":"GET","url":"/users?$top=1&$select=id"}
            ]}
            """.Replace("UNKNOWN", unknown.ToString()));

        var responses = Responses(body);
        Assert.Equal([404, 424, 424, 200], responses.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal(("FailedDependency", "Request 'b' depends on request 'a', which failed with status 404; it was not run."),
            (responses[1].GetProperty("body").GetProperty("error").GetProperty("code").GetString(),
             responses[1].GetProperty("body").GetProperty("error").GetProperty("message").GetString()));
        Assert.Equal("Request 'c' depends on request 'b', which failed with status 424; it was not run.",
            responses[2].GetProperty("body").GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1.0/users/never.made@contoso.com")).StatusCode);
    }

    [Fact]
    public async Task AWriteInABatch_IsAuditedAsTheApp_LikeASingleCall()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadWriteAll, name: "Batch sync");

        using var body = await BatchAsync(client, """
            {"requests":[
              {"id":"1","method":"POST","url":"/users","body":{"@odata.type":"#microsoft.graph.user","accountEnabled":true,"displayName":"Bo Batch","mailNickname":"bo.batch","userPrincipalName":"bo.batch@contoso.com","passwordProfile":{"password":"xWwvJ]6NMw+bWH-d"}}},
              {"id":"2","method":"PATCH","url":"/users/bo.batch@contoso.com","dependsOn":["1"],"body":{"department":"Sales"}}
            ]}
            """);

        Assert.Equal([201, 204], Responses(body).Select(r => r.GetProperty("status").GetInt32()));
        using var read = JsonDocument.Parse(await client.GetStringAsync("/v1.0/users/bo.batch@contoso.com?$select=department"));
        Assert.Equal("Sales", read.RootElement.GetProperty("department").GetString());
    }

    [Theory]
    [InlineData(21, "The batch has 21 requests; at most 20 are allowed in one batch.")]
    [InlineData(0, "The batch has no requests.")]
    public async Task ABatchOfTheWrongSize_Is400_AndRunsNothing(int count, string message)
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);
        var requests = string.Join(",", Enumerable.Range(1, count).Select(i => $$"""{"id":"{{i}}","method":"GET","url":"/users?$top=1"}"""));

        var response = await client.PostAsync("/v1.0/$batch", GraphTestUsers.Json($$"""{"requests":[{{requests}}]}"""));

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest", message);
    }

    [Theory]
    [InlineData("""{"requests":[{"id":"1","method":"GET","url":"/users"},{"id":"1","method":"GET","url":"/users"}]}""",
        "The batch has two requests with the id '1'; ids must be unique.")]
    [InlineData("""{"requests":[{"id":"1","method":"GET","url":"/users","dependsOn":["2"]},{"id":"2","method":"GET","url":"/users"}]}""",
        "Request '1' depends on '2', which is not an earlier request of the batch.")]
    [InlineData("""{"requests":[{"id":"1","method":"FETCH","url":"/users"}]}""", "Request '1' has the method 'FETCH'; use GET, POST, PATCH, PUT or DELETE.")]
    [InlineData("""{"requests":[{"id":"1","method":"GET"}]}""", "Request '1' needs a 'url' (a string).")]
    [InlineData("""{"requests":[{"method":"GET","url":"/users"}]}""", "Every request of a batch needs a 'id' (a string).")]
    [InlineData("""{"calls":[]}""", "The batch must be a JSON object with a 'requests' array.")]
    public async Task AMalformedBatch_Is400_NamingTheProblem(string json, string message)
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        var response = await client.PostAsync("/v1.0/$batch", GraphTestUsers.Json(json));

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "Request_BadRequest", message);
    }

    [Fact]
    public async Task ANestedBatch_IsRefusedInsideTheBatch_AndABatchWithoutAToken_Is401()
    {
        var client = await api.ClientWithAsync(ApiPermissions.UserReadAll);

        using var body = await BatchAsync(client, """{"requests":[{"id":"1","method":"POST","url":"/$batch","body":{"requests":[]}}]}""");
        var anonymous = await api.Client().PostAsync("/v1.0/$batch", GraphTestUsers.Json("""{"requests":[{"id":"1","method":"GET","url":"/users"}]}"""));

        var nested = Assert.Single(Responses(body));
        Assert.Equal(400, nested.GetProperty("status").GetInt32());
        Assert.Equal("Request '1' is itself a $batch; batches cannot be nested.", nested.GetProperty("body").GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", JsonDocument.Parse(await anonymous.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    private static async Task<JsonDocument> BatchAsync(HttpClient client, string json)
    {
        var response = await client.PostAsync("/v1.0/$batch", GraphTestUsers.Json(json));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text);
    }

    private static List<JsonElement> Responses(JsonDocument body) => body.RootElement.GetProperty("responses").EnumerateArray().ToList();
}
