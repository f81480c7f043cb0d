using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Apps;
using LicenseAdmin.Infrastructure.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LicenseAdmin.Web.Tests.GraphApi;

public sealed class GraphTokenTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    [Fact]
    public async Task Token_ForAnAppsSecret_IsAJwtOfTheTenant_WithTheGrantedPermissionsAsRoles()
    {
        var (app, secret) = await api.RegisterAsync("Reporting", ApiPermissions.UserReadAll | ApiPermissions.OrganizationReadAll);

        var response = await api.RequestTokenAsync("contoso.com", app.ClientId.ToString(), secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(3599, body.RootElement.GetProperty("expires_in").GetInt32());
        var token = new JsonWebToken(body.RootElement.GetProperty("access_token").GetString());
        Assert.Equal(DemoDataSeeder.ContosoId.ToString(), token.GetClaim("tid").Value);
        Assert.Equal(app.ClientId.ToString(), token.GetClaim("appid").Value);
        Assert.Equal(["Organization.Read.All", "User.Read.All"], token.Claims.Where(c => c.Type == "roles").Select(c => c.Value).Order());
        Assert.Equal($"https://licenseadmin.local/{DemoDataSeeder.ContosoId}/v2.0", token.Issuer);
        Assert.Equal("https://graph.microsoft.com", Assert.Single(token.Audiences));
        Assert.Equal("RS256", token.Alg);
    }

    [Fact]
    public async Task Token_WithAWrongSecret_IsRefused_WithTheOAuthErrorBody()
    {
        var (app, _) = await api.RegisterAsync("Wrong secret", ApiPermissions.UserReadAll);

        var response = await api.RequestTokenAsync("contoso.com", app.ClientId.ToString(), "not-it");
        var badScope = await api.RequestTokenAsync("contoso.com", app.ClientId.ToString(), "not-it", scope: "User.Read.All");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_client", body.RootElement.GetProperty("error").GetString());
        Assert.Equal(7000215, body.RootElement.GetProperty("error_codes")[0].GetInt32());
        Assert.StartsWith("AADSTS7000215: Invalid client secret provided.", body.RootElement.GetProperty("error_description").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badScope.StatusCode);
        using var scopeBody = JsonDocument.Parse(await badScope.Content.ReadAsStringAsync());
        Assert.Equal("invalid_scope", scopeBody.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ACallWithoutAToken_Is401_InGraphsEnvelope()
    {
        var response = await api.Client().GetAsync("/v1.0/users");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Access token is empty.");
    }

    [Fact]
    public async Task AForgedToken_Is401_AndSaysTheSignatureIsNotValid()
    {
        var (app, _) = await api.RegisterAsync("Forged", ApiPermissions.UserReadAll);
        using var rsa = RSA.Create(2048);
        var forged = Sign(new RsaSecurityKey(rsa) { KeyId = "forged" }, app, DemoDataSeeder.ContosoId, DateTime.UtcNow.AddMinutes(30));

        var response = await Call(forged, "/v1.0/users");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Access token validation failure. The token's signature is not valid.");
    }

    [Fact]
    public async Task AnExpiredToken_Is401_AndSaysSo()
    {
        var (app, _) = await api.RegisterAsync("Expired", ApiPermissions.UserReadAll);
        var key = await api.Factory.Services.GetRequiredService<SigningKeyStore>().CurrentAsync(CancellationToken.None);
        var expired = Sign(new RsaSecurityKey(key.Key) { KeyId = key.Id }, app, DemoDataSeeder.ContosoId, DateTime.UtcNow.AddMinutes(-10));

        var response = await Call(expired, "/v1.0/users");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
    }

    [Fact]
    public async Task ATokenWhoseTenantIsNotItsIssuers_Is401()
    {
        var (app, _) = await api.RegisterAsync("Tenant swap", ApiPermissions.UserReadAll);
        var key = await api.Factory.Services.GetRequiredService<SigningKeyStore>().CurrentAsync(CancellationToken.None);
        var swapped = Sign(new RsaSecurityKey(key.Key) { KeyId = key.Id }, app, DemoDataSeeder.FabrikamId, DateTime.UtcNow.AddMinutes(30),
            issuerTenant: DemoDataSeeder.ContosoId);

        var response = await Call(swapped, "/v1.0/users");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Access token validation failure. Invalid issuer.");
    }

    [Fact]
    public async Task ADisabledAppsToken_StopsWorking()
    {
        var (app, secret) = await api.RegisterAsync("To be disabled", ApiPermissions.UserReadAll);
        var client = await api.ClientForAsync(app, secret);
        await api.Factory.Services.GetRequiredService<ApiAppService>().SetDisabledAsync(await api.GlobalAdminAsync(), app.Id, true, CancellationToken.None);

        var response = await client.GetAsync("/v1.0/users");

        await GraphErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "The app is disabled or deleted.");
    }

    [Fact]
    public async Task TheJwks_PublishesTheKeyTokensAreSignedWith()
    {
        var (app, secret) = await api.RegisterAsync("Jwks", ApiPermissions.UserReadAll);
        var tokenResponse = await api.RequestTokenAsync(DemoDataSeeder.ContosoId.ToString(), app.ClientId.ToString(), secret);
        using var tokenBody = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        var token = new JsonWebToken(tokenBody.RootElement.GetProperty("access_token").GetString());

        using var discovery = JsonDocument.Parse(await api.Client().GetStringAsync($"/{DemoDataSeeder.ContosoId}/v2.0/.well-known/openid-configuration"));
        var jwksUri = new Uri(discovery.RootElement.GetProperty("jwks_uri").GetString()!);
        var jwks = new JsonWebKeySet(await api.Client().GetStringAsync(jwksUri.PathAndQuery));

        Assert.Equal($"https://licenseadmin.local/{DemoDataSeeder.ContosoId}/v2.0", discovery.RootElement.GetProperty("issuer").GetString());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token.EncodedToken, new TokenValidationParameters
        {
            ValidIssuer = token.Issuer, ValidAudience = "https://graph.microsoft.com", IssuerSigningKeys = jwks.Keys,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    private Task<HttpResponseMessage> Call(string token, string path)
    {
        var client = api.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.GetAsync(path);
    }

    private static string Sign(SecurityKey key, ApiAppSummary app, Guid tenantId, DateTime expiresUtc, Guid? issuerTenant = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = $"https://licenseadmin.local/{issuerTenant ?? tenantId}/v2.0",
            Audience = "https://graph.microsoft.com",
            IssuedAt = expiresUtc.AddHours(-1),
            NotBefore = expiresUtc.AddHours(-1),
            Expires = expiresUtc,
            Claims = new Dictionary<string, object>
            {
                ["tid"] = tenantId.ToString(), ["oid"] = app.Id.ToString(), ["appid"] = app.ClientId.ToString(), ["roles"] = new[] { "User.Read.All" },
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
}
