using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// The OpenAPI document of the API (ASP.NET Core's built-in generator) at <c>/openapi/v1.json</c>: the Graph-compatible
/// endpoints under /v1.0, the bulk license endpoints under /api/licenses, adding users from a file under /api/users/import
/// and the token endpoint; the portal's pages are not in it.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";
    public const string Path = "/openapi/v1.json";

    public static void AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.ShouldInclude = description => description.RelativePath is { } path &&
                (path.StartsWith("v1.0/", StringComparison.Ordinal) || path.StartsWith("api/licenses/", StringComparison.Ordinal) ||
                 path.StartsWith("api/users/import/", StringComparison.Ordinal) ||
                 path.EndsWith("oauth2/v2.0/token", StringComparison.Ordinal));
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "LicenseAdmin API",
                    Version = "v1",
                    Description = "A subset of Microsoft Graph v1.0 for license administration (users, subscribedSkus, assignLicense, "
                        + "licenseDetails, deleted items, directoryAudits, $batch), bulk license changes with preview and undo, and adding users "
                        + "from a CSV file with preview and undo. "
                        + "Get a token with the client credentials flow at /{tenant}/oauth2/v2.0/token and send it as a bearer token. "
                        + "Errors use Graph's envelope {\"error\":{\"code\",\"message\",\"innerError\"}}.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An app token from POST /{tenant}/oauth2/v2.0/token (grant_type=client_credentials).",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
                return Task.CompletedTask;
            });
        });

    public static void MapApiDocument(this IEndpointRouteBuilder app) => app.MapOpenApi(Path.Replace("v1.json", "{documentName}.json")).AllowAnonymous();
}
