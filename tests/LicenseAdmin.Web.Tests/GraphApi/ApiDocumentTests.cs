using System.Net;
using System.Text.Json;

namespace LicenseAdmin.Web.Tests.GraphApi;

/// <summary>The OpenAPI document: every API endpoint (Graph subset, bulk changes, token), none of the portal's pages.</summary>
public sealed class ApiDocumentTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    [Fact]
    public async Task TheOpenApiDocument_DescribesTheGraphSubsetAndTheBulkEndpoints_WithABearerScheme()
    {
        var response = await api.Client().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Superset(new HashSet<string>
        {
            "/v1.0/subscribedSkus", "/v1.0/users", "/v1.0/users/$count", "/v1.0/users/{idOrUpn}", "/v1.0/users/{idOrUpn}/assignLicense",
            "/v1.0/users/{idOrUpn}/licenseDetails", "/v1.0/directory/deletedItems/microsoft.graph.user", "/v1.0/directory/deletedItems/{id}/restore",
            "/v1.0/auditLogs/directoryAudits", "/v1.0/$batch", "/api/licenses/bulk/preview", "/api/licenses/bulk/apply",
            "/api/licenses/operations/{operationId}/undo", "/{tenant}/oauth2/v2.0/token",
            "/api/users/import/preview", "/api/users/import/apply", "/api/users/import/{importId}/undo",
        }, paths.ToHashSet());
        Assert.All(paths, p => Assert.True(p.StartsWith("/v1.0/") || p.StartsWith("/api/licenses/") || p.StartsWith("/api/users/import/")
            || p.EndsWith("/oauth2/v2.0/token"), p));
        Assert.DoesNotContain("/v1.0/{path}", paths);
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var preview = document.RootElement.GetProperty("paths").GetProperty("/api/licenses/bulk/preview").GetProperty("post");
        Assert.True(preview.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(preview.GetProperty("responses").TryGetProperty("200", out _));
        var import = document.RootElement.GetProperty("paths").GetProperty("/api/users/import/preview").GetProperty("post");
        Assert.True(import.GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _));
    }
}
