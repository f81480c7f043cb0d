using System.Net;
using System.Text.Json;

namespace LicenseAdmin.Web.Tests.GraphApi;

public static class GraphErrorAssert
{
    /// <summary>Asserts Graph's error envelope: status, JSON content type, code and the exact message.</summary>
    public static async Task<JsonElement> IsAsync(HttpResponseMessage response, HttpStatusCode status, string code, string message)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.True(Guid.TryParse(error.GetProperty("innerError").GetProperty("request-id").GetString(), out _));
        return error;
    }
}
