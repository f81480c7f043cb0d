using System.Text.Json;
using System.Text.Json.Nodes;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// The /v1.0 endpoints: thin callers of the same services the pages use. Each names the Graph permissions that allow
/// it; the caller is the app of the token, in the token's tenant; every refusal leaves in Graph's error envelope.
/// </summary>
public static class GraphEndpoints
{
    private static readonly string ReadUsers = GraphAuthentication.Policy(ApiPermissions.UserReadAll, ApiPermissions.UserReadWriteAll, ApiPermissions.DirectoryReadAll);
    private static readonly string ReadOrganization = GraphAuthentication.Policy(ApiPermissions.OrganizationReadAll, ApiPermissions.DirectoryReadAll);
    // licenseDetails is readable with the license permission too (in Graph with LicenseAssignment.Read.All, which ReadWrite includes).
    private static readonly string ReadLicenseDetails = GraphAuthentication.Policy(
        ApiPermissions.UserReadAll, ApiPermissions.UserReadWriteAll, ApiPermissions.DirectoryReadAll, ApiPermissions.LicenseAssignmentReadWriteAll);
    private static readonly string AssignLicenses = GraphAuthentication.Policy(ApiPermissions.LicenseAssignmentReadWriteAll, ApiPermissions.UserReadWriteAll);

    public static void AddGraphPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddGraphPolicy(ApiPermissions.UserReadAll, ApiPermissions.UserReadWriteAll, ApiPermissions.DirectoryReadAll);
        options.AddGraphPolicy(ApiPermissions.OrganizationReadAll, ApiPermissions.DirectoryReadAll);
        options.AddGraphPolicy(ApiPermissions.LicenseAssignmentReadWriteAll, ApiPermissions.UserReadWriteAll);
        options.AddGraphPolicy(ApiPermissions.UserReadAll, ApiPermissions.UserReadWriteAll, ApiPermissions.DirectoryReadAll, ApiPermissions.LicenseAssignmentReadWriteAll);
        options.AddGraphPolicy(ApiPermissions.UserReadWriteAll);
        options.AddGraphPolicy(ApiPermissions.AuditLogReadAll);
        options.AddGraphGroupPolicies();
        options.AddGraphBatchPolicy();
    }

    public static void MapGraphEndpoints(this IEndpointRouteBuilder app)
    {
        var graph = app.MapGroup("/v1.0").AddEndpointFilter(GraphErrors.TranslateRefusals).RequireRateLimiting(GraphRateLimiting.Policy)
            .WithTags("Microsoft Graph v1.0 subset")
            .WithMetadata([.. new[] { 400, 401, 403, 429 }.Select(status => new ProducesResponseTypeMetadata(status, typeof(GraphErrorEnvelope), ["application/json"]))]);
        graph.MapGet("/subscribedSkus", SubscribedSkusAsync).RequireAuthorization(ReadOrganization)
            .WithSummary("The tenant's products with seats and service plans (Organization.Read.All).").Produces<SubscribedSku[]>();
        graph.MapGet("/users", ListUsersAsync).RequireAuthorization(ReadUsers)
            .WithSummary("Users, with $filter, $select, $orderby, $top, $count, $search and @odata.nextLink (User.Read.All).").Produces<GraphUser[]>();
        graph.MapGet("/users/$count", CountUsersAsync).RequireAuthorization(ReadUsers)
            .WithSummary("How many users match $filter and $search, as text/plain; needs ConsistencyLevel: eventual.").Produces<string>(contentType: "text/plain");
        graph.MapGet("/users/{idOrUpn}", GetUserAsync).RequireAuthorization(ReadUsers)
            .WithSummary("A user by id or user principal name, with $select.").Produces<GraphUser>().Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
        graph.MapGet("/users/{idOrUpn}/licenseDetails", LicenseDetailsAsync).RequireAuthorization(ReadLicenseDetails)
            .WithSummary("The user's products with each service plan's provisioning status.").Produces<LicenseDetails[]>();
        graph.MapGraphUserWrites();
        graph.MapPost("/users/{idOrUpn}/assignLicense", AssignLicenseAsync).RequireAuthorization(AssignLicenses).DisableAntiforgery()
            .WithSummary("Adds and removes licenses in one all-or-nothing change (LicenseAssignment.ReadWrite.All).")
            .Accepts<AssignLicenseBody>("application/json").Produces<GraphUser>().Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
        graph.MapGraphDirectory();
        graph.MapGraphGroups();
        graph.MapGraphBatch();
        // Graph answers an unknown path with its envelope too, never with the portal's not-found page.
        graph.Map("/{**path}", (string path) =>
            Task.FromException<IResult>(GraphRequestException.BadRequest($"Resource not found for the segment '{path.Split('/')[0]}'.")))
            .ExcludeFromDescription();
    }

    internal static Caller CallerOf(HttpContext http) =>
        http.User.ToAppCaller() ?? throw new InvalidOperationException("The Graph policies admit only validated app tokens.");

    private static async Task<IResult> SubscribedSkusAsync(HttpContext http, LicenseCatalogService catalog, CancellationToken cancellationToken)
    {
        var caller = CallerOf(http);
        var products = await catalog.SubscribedProductsAsync(caller, cancellationToken);
        return Results.Json(new { value = products.Select(p => GraphUser.Sku(caller.TenantId, p)) }, GraphErrors.Json);
    }

    private static async Task<IResult> ListUsersAsync(HttpContext http, UserQueryService users, CancellationToken cancellationToken)
    {
        var request = GraphUserQueryParser.Parse(http.Request.Query, IsEventual(http));
        var page = await users.ListAsync(CallerOf(http), request.Query, cancellationToken);
        return UserPage(http, "users", request, page);
    }

    /// <summary>
    /// A page of users as Graph lists them (<c>/users</c>, a group's <c>/members</c>): the context, the count when asked,
    /// the next link carrying where the page ended, and each user shaped by <c>$select</c>; <paramref name="odataType"/>
    /// marks each user where the list is of directory objects.
    /// </summary>
    internal static IResult UserPage(HttpContext http, string context, GraphUserListRequest request, UserRecordPage page, string? odataType = null)
    {
        var body = new JsonObject { ["@odata.context"] = $"{Origin(http)}/v1.0/$metadata#{context}" };
        if (page.Count is { } count) body["@odata.count"] = count;
        if (page.Next is { } next)
            body["@odata.nextLink"] = NextLink(http, new SkipToken(next, request.Eventual).Write());
        body["value"] = new JsonArray(page.Users.Select(u =>
        {
            var shaped = GraphUser.From(u).Shaped(request.Select);
            if (odataType is not null) shaped["@odata.type"] = odataType;
            return (JsonNode)shaped;
        }).ToArray());
        return Results.Text(body.ToJsonString(), "application/json");
    }

    /// <summary><c>GET /users/$count</c>: the number as text/plain, as Graph answers it.</summary>
    private static async Task<IResult> CountUsersAsync(HttpContext http, UserQueryService users, CancellationToken cancellationToken)
    {
        var condition = GraphUserQueryParser.CountCondition(http.Request.Query, IsEventual(http));
        var count = await users.CountAsync(CallerOf(http), condition, cancellationToken);
        return Results.Text(count.ToString(System.Globalization.CultureInfo.InvariantCulture), "text/plain");
    }

    private static async Task<IResult> GetUserAsync(string idOrUpn, HttpContext http, UserQueryService users, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(CallerOf(http), idOrUpn, cancellationToken) ?? throw GraphRequestException.NotFound(idOrUpn);
        var select = GraphUserQueryParser.SelectOnly(http.Request.Query);
        return Results.Text(GraphUser.From(user).Shaped(select ?? GraphUser.SingleUserDefaultProperties).ToJsonString(), "application/json");
    }

    private static async Task<IResult> LicenseDetailsAsync(
        string idOrUpn, HttpContext http, UserQueryService users, LicenseCatalogService catalog, CancellationToken cancellationToken)
    {
        var caller = CallerOf(http);
        var user = await users.FindAsync(caller, idOrUpn, cancellationToken) ?? throw GraphRequestException.NotFound(idOrUpn);
        var products = (await catalog.SubscribedProductsAsync(caller, cancellationToken)).ToDictionary(p => p.Id);
        var details = user.Licenses.Where(l => products.ContainsKey(l.ProductId)).Select(l =>
        {
            var product = products[l.ProductId];
            return new LicenseDetails($"{user.Id:N}{product.Id:N}", product.Id, product.PartNumber,
                product.Plans.Select(p => new ServicePlanInfo(p.Id, p.Name, l.DisabledPlanIds.Contains(p.Id) ? "Disabled" : "Success", "User")).ToList());
        });
        return Results.Json(new { value = details }, GraphErrors.Json);
    }

    private static async Task<IResult> AssignLicenseAsync(
        string idOrUpn, HttpContext http, UserQueryService users, LicenseService licenses, CancellationToken cancellationToken)
    {
        var (add, remove) = await ReadAssignLicenseAsync(http, cancellationToken);
        var caller = CallerOf(http);
        var user = await users.FindAsync(caller, idOrUpn, cancellationToken) ?? throw GraphRequestException.NotFound(idOrUpn);
        // One all-or-nothing change planned on the licenses of the moment: disabledPlans replaces that product's list.
        await licenses.AddAndRemoveAsync(caller, user.Id, add, remove, cancellationToken);
        var after = await users.FindAsync(caller, user.Id.ToString(), cancellationToken) ?? throw GraphRequestException.NotFound(idOrUpn);
        return Results.Text(GraphUser.From(after).Shaped(null).ToJsonString(), "application/json");
    }

    private static readonly HashSet<string> AssignLicenseParameters = new(["addLicenses", "removeLicenses"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> AssignedLicenseProperties = new(["skuId", "disabledPlans"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// assignLicense's body, refusing what Graph refuses instead of ignoring it: a parameter the action does not have, a
    /// property an assignedLicense does not have (a misspelt disabledPlans would otherwise assign every plan), a wrong type,
    /// a missing list. The users' and the groups' assignLicense both read their body here.
    /// </summary>
    internal static async Task<(IReadOnlyList<ProductLicense> Add, IReadOnlyList<Guid> Remove)> ReadAssignLicenseAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var json = await ReadJsonObjectAsync(http, cancellationToken);
        foreach (var (name, _) in json)
        {
            if (!name.StartsWith('@') && !AssignLicenseParameters.Contains(name))
                throw GraphRequestException.BadRequest($"The parameter '{name}' in the request payload is not a valid parameter for the operation 'assignLicense'.");
        }
        foreach (var license in (json["addLicenses"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var (name, _) in license)
            {
                if (!name.StartsWith('@') && !AssignedLicenseProperties.Contains(name))
                    throw GraphRequestException.BadRequest($"Property '{name}' does not exist on type 'microsoft.graph.assignedLicense'.");
            }
        }
        AssignLicenseBody body;
        try
        {
            body = json.Deserialize<AssignLicenseBody>(GraphErrors.Json)!;
        }
        catch (JsonException ex)
        {
            throw GraphRequestException.BadRequest(
                $"The assignLicense body does not have Graph's shape: '{ex.Path?.TrimStart('$', '.')}' has the wrong type (skuId and removeLicenses are GUIDs, disabledPlans a list of GUIDs).");
        }
        if (body.AddLicenses is null || body.RemoveLicenses is null)
            throw GraphRequestException.BadRequest("The request body must carry both addLicenses and removeLicenses (either may be empty).");
        return (body.AddLicenses.Select(a => new ProductLicense(a.SkuId, a.DisabledPlans ?? [])).ToList(), body.RemoveLicenses);
    }

    /// <summary>Graph's sentence for a body that is not JSON at all.</summary>
    private const string UnreadableBody =
        "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.";

    internal static async Task<T> ReadBodyAsync<T>(HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Request.Body, GraphErrors.Json, cancellationToken)
                ?? throw GraphRequestException.BadRequest("The request body is empty.");
        }
        catch (JsonException)
        {
            throw GraphRequestException.BadRequest(UnreadableBody);
        }
    }

    /// <summary>The body as a JSON tree, for endpoints that check its properties themselves; not JSON is a 400.</summary>
    internal static async Task<JsonNode?> ReadJsonAsync(HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            throw GraphRequestException.BadRequest(UnreadableBody);
        }
    }

    /// <summary>The body as a JSON object; anything else is a 400.</summary>
    internal static async Task<JsonObject> ReadJsonObjectAsync(HttpContext http, CancellationToken cancellationToken) =>
        await ReadJsonAsync(http, cancellationToken) as JsonObject
        ?? throw GraphRequestException.BadRequest("The request body must be a JSON object.");

    internal static bool IsEventual(HttpContext http) =>
        string.Equals(http.Request.Headers["ConsistencyLevel"].ToString(), "eventual", StringComparison.OrdinalIgnoreCase);

    internal static string Origin(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    internal static string NextLink(HttpContext http, string skipToken)
    {
        var query = http.Request.Query.Where(p => p.Key != "$skiptoken")
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value.ToString())}")
            .Append($"$skiptoken={skipToken}");
        return $"{Origin(http)}{http.Request.Path}?{string.Join("&", query)}";
    }
}
