using System.Security.Claims;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Services.Apps;
using LicenseAdmin.Infrastructure.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>Writes the access token of a signed-in app with the claims Entra's app-only tokens carry.</summary>
public sealed class GraphTokenIssuer(SigningKeyStore keys, IOptions<GraphApiOptions> options, TimeProvider clock)
{
    public async Task<(string Token, int ExpiresIn)> IssueAsync(SignedInApp app, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var key = await keys.CurrentAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [GraphClaims.TenantId] = app.TenantId.ToString(),
            [GraphClaims.AppId] = app.ClientId.ToString(),
            ["azp"] = app.ClientId.ToString(),
            [GraphClaims.ObjectId] = app.AppId.ToString(),
            ["sub"] = app.AppId.ToString(),
            [GraphClaims.AppDisplayName] = app.DisplayName,
            ["idtyp"] = "app",
            [GraphClaims.Roles] = ApiPermissionNames.Names(app.Permissions).ToArray(),
        };
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.IssuerFor(app.TenantId),
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(settings.TokenLifetimeSeconds),
            Claims = claims,
            SigningCredentials = new SigningCredentials(GraphSigningKeys.SecurityKeyOf(key), SecurityAlgorithms.RsaSha256),
        });
        return (token, settings.TokenLifetimeSeconds);
    }
}

/// <summary>The claim names of Entra's tokens that the API reads.</summary>
public static class GraphClaims
{
    public const string TenantId = "tid";
    public const string AppId = "appid";
    public const string ObjectId = "oid";
    public const string AppDisplayName = "app_displayname";
    public const string Roles = "roles";

    /// <summary>The caller a request of a validated token acts as: the app, in the tenant of the token (never of the URL).</summary>
    public static Infrastructure.Services.Caller? ToAppCaller(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(TenantId)?.Value, out var tenant) && Guid.TryParse(principal.FindFirst(ObjectId)?.Value, out var app)
            ? Infrastructure.Services.Caller.ForApp(tenant, app, principal.FindFirst(AppDisplayName)?.Value ?? app.ToString())
            : null;
}
