using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Services.Apps;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// The API's JWT bearer scheme, beside the portal's cookie: ASP.NET Core's handler validates signature, lifetime,
/// audience and issuer; we add that the issuer names the token's own tenant and that the app is still enabled.
/// </summary>
public static class GraphAuthentication
{
    public const string Scheme = "GraphApi";

    /// <summary>How long "this app is enabled" is believed: a disabled or deleted app's tokens stop within this.</summary>
    public static readonly TimeSpan AppStateCacheFor = TimeSpan.FromSeconds(30);

    public static void AddGraphBearer(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication)
    {
        authentication.Services.AddSingleton<GraphSigningKeys>();
        authentication.Services.AddOptions<JwtBearerOptions>(Scheme)
            .Configure<GraphSigningKeys, IOptions<GraphApiOptions>>((bearer, keys, api) =>
            {
                bearer.ConfigurationManager = keys;
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAudience = api.Value.Audience,
                    // The issuer must be ours and name the tenant the token is for; the tenant is taken from the token only.
                    IssuerValidator = (issuer, token, _) =>
                        token is Microsoft.IdentityModel.JsonWebTokens.JsonWebToken jwt &&
                        Guid.TryParse(jwt.GetClaim(GraphClaims.TenantId)?.Value, out var tenant) &&
                        issuer == api.Value.IssuerFor(tenant)
                            ? issuer
                            : throw new SecurityTokenInvalidIssuerException("The token's issuer is not this service's for its tenant."),
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                    ClockSkew = TimeSpan.FromMinutes(1),
                    NameClaimType = GraphClaims.AppDisplayName,
                    RoleClaimType = GraphClaims.Roles,
                };
                bearer.Events = new JwtBearerEvents
                {
                    OnTokenValidated = RefuseInactiveAppsAsync,
                    OnChallenge = ChallengeAsync,
                    OnForbidden = context => GraphErrors.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                        GraphErrorCodes.Denied, "Insufficient privileges to complete the operation."),
                };
            });
        authentication.AddJwtBearer(Scheme, _ => { });
    }

    private static async Task RefuseInactiveAppsAsync(TokenValidatedContext context)
    {
        var caller = context.Principal?.ToAppCaller();
        if (caller is null)
        {
            context.Fail("The token names no tenant or app.");
            return;
        }
        var cache = context.HttpContext.RequestServices.GetRequiredService<IMemoryCache>();
        var active = await cache.GetOrCreateAsync(("graph-app-active", caller.TenantId, caller.UserId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = AppStateCacheFor;
            return context.HttpContext.RequestServices.GetRequiredService<ApiAppSignIn>()
                .IsActiveAsync(caller.TenantId, caller.UserId, context.HttpContext.RequestAborted);
        });
        if (!active) context.Fail(new SecurityTokenValidationException("The app is disabled or deleted."));
    }

    private static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var message = context.AuthenticateFailure switch
        {
            null => "Access token is empty.",
            SecurityTokenExpiredException => "Lifetime validation failed, the token is expired.",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "Access token validation failure. The token's signature is not valid.",
            SecurityTokenInvalidIssuerException => "Access token validation failure. Invalid issuer.",
            SecurityTokenInvalidAudienceException => "Access token validation failure. Invalid audience.",
            SecurityTokenValidationException { Message: var reason } when reason.StartsWith("The app", StringComparison.Ordinal) => reason,
            _ => "Access token validation failure. The token is malformed or not valid.",
        };
        await GraphErrors.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, GraphErrorCodes.InvalidToken, message);
    }

    /// <summary>Graph's rule: an endpoint names the permissions any one of which allows it.</summary>
    public static string Policy(params ApiPermissions[] anyOf) => "Graph:" + string.Join("|", anyOf.Select(ApiPermissionNames.Name));

    public static void AddGraphPolicy(this Microsoft.AspNetCore.Authorization.AuthorizationOptions options, params ApiPermissions[] anyOf) =>
        options.AddPolicy(Policy(anyOf), policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(GraphClaims.Roles, anyOf.Select(ApiPermissionNames.Name)));
}
