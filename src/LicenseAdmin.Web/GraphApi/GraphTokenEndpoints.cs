using LicenseAdmin.Infrastructure.Services.Apps;
using LicenseAdmin.Infrastructure.Tokens;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>The token endpoint (client credentials), the discovery document and the JWKS, at Entra's paths.</summary>
public static class GraphTokenEndpoints
{
    public static void MapGraphTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{tenant}/oauth2/v2.0/token", IssueAsync).DisableAntiforgery().WithTags("Tokens")
            .WithSummary("Client credentials: form-encoded grant_type=client_credentials, client_id, client_secret, scope=https://graph.microsoft.com/.default.");
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", Discovery).ExcludeFromDescription();
        app.MapGet("/{tenant}/discovery/v2.0/keys", KeysAsync).ExcludeFromDescription();
    }

    private static async Task IssueAsync(string tenant, HttpContext http, ApiAppSignIn signIn, GraphTokenIssuer issuer, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            await OAuthErrorAsync(http, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
            return;
        }
        var form = await http.Request.ReadFormAsync(cancellationToken);
        foreach (var required in new[] { "grant_type", "client_id", "client_secret", "scope" })
        {
            if (string.IsNullOrWhiteSpace(form[required]))
            {
                await OAuthErrorAsync(http, 400, "invalid_request", 900144, $"The request body must contain the following parameter: '{required}'.");
                return;
            }
        }
        if (form["grant_type"] != "client_credentials")
        {
            await OAuthErrorAsync(http, 400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{form["grant_type"]}'. Only 'client_credentials' is supported.");
            return;
        }
        if (!form["scope"].ToString().EndsWith("/.default", StringComparison.Ordinal))
        {
            await OAuthErrorAsync(http, 400, "invalid_scope", 1002012, $"The provided value for scope {form["scope"]} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
            return;
        }
        try
        {
            var app = await signIn.SignInAsync(tenant, form["client_id"].ToString(), form["client_secret"].ToString(), cancellationToken);
            var (token, expiresIn) = await issuer.IssueAsync(app, cancellationToken);
            http.Response.Headers.CacheControl = "no-store";
            await http.Response.WriteAsJsonAsync(new TokenResponse("Bearer", expiresIn, expiresIn, token), GraphErrors.Json, cancellationToken);
        }
        catch (AppSignInRefusedException refused)
        {
            var status = refused.Error == "invalid_client" ? 401 : 400;
            await OAuthErrorAsync(http, status, refused.Error, refused.ErrorCode, refused.Message);
        }
    }

    private static IResult Discovery(string tenant, HttpContext http, IOptions<GraphApiOptions> options)
    {
        var origin = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        // Like Entra, the document names the tenant's issuer; a tenant given by domain is named by its id in tokens,
        // so only an id gives an exact issuer here.
        var issuer = Guid.TryParse(tenant, out var tenantId) ? options.Value.IssuerFor(tenantId) : options.Value.IssuerFor(Guid.Empty).Replace(Guid.Empty.ToString(), "{tenantid}", StringComparison.Ordinal);
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["token_endpoint"] = $"{origin}/{tenant}/oauth2/v2.0/token",
            ["jwks_uri"] = $"{origin}/{tenant}/discovery/v2.0/keys",
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post" },
            ["grant_types_supported"] = new[] { "client_credentials" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["response_types_supported"] = new[] { "token" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["claims_supported"] = new[] { "tid", "appid", "azp", "oid", "sub", "roles", "iss", "aud", "exp", "iat", "nbf" },
        });
    }

    private static async Task<IResult> KeysAsync(SigningKeyStore store, CancellationToken cancellationToken)
    {
        var keys = await store.ValidationKeysAsync(cancellationToken);
        if (keys.Count == 0) keys = [await store.CurrentAsync(cancellationToken)];
        return Results.Json(new { keys = keys.Select(k => GraphSigningKeys.PublicJwkOf(k)).Select(k => new { k.Kty, k.Use, k.Alg, k.Kid, k.N, k.E }) },
            new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower });
    }

    private static Task OAuthErrorAsync(HttpContext http, int status, string error, int code, string description)
    {
        var traceId = Guid.NewGuid().ToString();
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{code}: {description} Trace ID: {traceId} Correlation ID: {traceId} Timestamp: {DateTime.UtcNow:yyyy-MM-dd HH:mm:ssZ}",
            ["error_codes"] = new[] { code },
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["trace_id"] = traceId,
            ["correlation_id"] = traceId,
        });
    }

    private sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("ext_expires_in")] int ExtExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken);
}
