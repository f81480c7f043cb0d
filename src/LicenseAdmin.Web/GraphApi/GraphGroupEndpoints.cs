using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Groups;
using LicenseAdmin.Infrastructure.Services.Users;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// <c>/groups</c> as Graph v1.0 shapes them: security groups, static or dynamic (<c>groupTypes: ["DynamicMembership"]</c>
/// with a <c>membershipRule</c>). Thin callers of <see cref="GroupService"/>, which checks the caller, decides and audits.
/// </summary>
public static class GraphGroupEndpoints
{
    private static readonly string ReadGroups = GraphAuthentication.Policy(
        ApiPermissions.GroupReadAll, ApiPermissions.GroupReadWriteAll, ApiPermissions.GroupMemberReadWriteAll, ApiPermissions.DirectoryReadAll);
    private static readonly string WriteGroups = GraphAuthentication.Policy(ApiPermissions.GroupReadWriteAll);
    private static readonly string WriteMembers = GraphAuthentication.Policy(ApiPermissions.GroupMemberReadWriteAll, ApiPermissions.GroupReadWriteAll);

    private static readonly string AssignGroupLicenses = GraphAuthentication.Policy(ApiPermissions.LicenseAssignmentReadWriteAll, ApiPermissions.GroupReadWriteAll);

    public static void AddGraphGroupPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddGraphPolicy(ApiPermissions.LicenseAssignmentReadWriteAll, ApiPermissions.GroupReadWriteAll);
        options.AddGraphPolicy(ApiPermissions.GroupReadAll, ApiPermissions.GroupReadWriteAll, ApiPermissions.GroupMemberReadWriteAll, ApiPermissions.DirectoryReadAll);
        options.AddGraphPolicy(ApiPermissions.GroupReadWriteAll);
        options.AddGraphPolicy(ApiPermissions.GroupMemberReadWriteAll, ApiPermissions.GroupReadWriteAll);
    }

    public static void MapGraphGroups(this RouteGroupBuilder graph)
    {
        graph.MapGet("/groups", ListAsync).RequireAuthorization(ReadGroups)
            .WithSummary("Groups, optionally only those with members in a license error ($filter=hasMembersWithLicenseErrors eq true) (Group.Read.All).");
        graph.MapGet("/groups/{id}", GetAsync).RequireAuthorization(ReadGroups)
            .WithSummary("A group with its assignedLicenses.").Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
        graph.MapPost("/groups", CreateAsync).RequireAuthorization(WriteGroups).DisableAntiforgery()
            .WithSummary("Creates a static group, or a dynamic one with groupTypes [\"DynamicMembership\"] and a membershipRule (Group.ReadWrite.All).");
        graph.MapDelete("/groups/{id}", DeleteAsync).RequireAuthorization(WriteGroups)
            .WithSummary("Deletes a group that gives no licenses.").Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
        graph.MapGet("/groups/{id}/members", MembersAsync).RequireAuthorization(ReadGroups)
            .WithSummary("The group's members as users.").Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
        graph.MapPost("/groups/{id}/members/$ref", AddMemberAsync).RequireAuthorization(WriteMembers).DisableAntiforgery()
            .WithSummary("Adds a user to a static group: {\"@odata.id\": \".../users/{id}\"} (GroupMember.ReadWrite.All).");
        graph.MapDelete("/groups/{id}/members/{userId}/$ref", RemoveMemberAsync).RequireAuthorization(WriteMembers)
            .WithSummary("Removes a user from a static group (GroupMember.ReadWrite.All).");
        graph.MapPost("/groups/{id}/assignLicense", AssignLicenseAsync).RequireAuthorization(AssignGroupLicenses).DisableAntiforgery()
            .WithSummary("Adds and removes the products the group gives; members follow through the group license processor.")
            .Accepts<AssignLicenseBody>("application/json");
        graph.MapGet("/groups/{id}/membersWithLicenseErrors", MembersWithErrorsAsync).RequireAuthorization(ReadGroups)
            .WithSummary("Members who did not get the group's licenses.");
        graph.MapPost("/users/{idOrUpn}/reprocessLicenseAssignment", ReprocessAsync).RequireAuthorization(AssignGroupLicenses).DisableAntiforgery()
            .WithSummary("Applies the user's groups' licenses again, e.g. after buying seats (LicenseAssignment.ReadWrite.All).");
    }

    private static async Task<IResult> AssignLicenseAsync(string id, HttpContext http, GroupService groups, CancellationToken cancellationToken)
    {
        var body = await GraphEndpoints.ReadBodyAsync<AssignLicenseBody>(http, cancellationToken);
        if (body.AddLicenses is null || body.RemoveLicenses is null)
            throw GraphRequestException.BadRequest("The request body must carry both addLicenses and removeLicenses (either may be empty).");
        var caller = GraphEndpoints.CallerOf(http);
        var groupId = ParseId(id);
        await groups.AddAndRemoveLicensesAsync(caller, groupId,
            body.AddLicenses.Select(a => new ProductLicense(a.SkuId, a.DisabledPlans ?? [])).ToList(), body.RemoveLicenses, cancellationToken);
        // Graph answers with the group; its members get the licenses as the processor reaches them.
        var group = await groups.GetAsync(caller, groupId, cancellationToken);
        var shaped = Shape(group.Id, group.DisplayName, group.MembershipRule, group.IsDynamic, group.MembersWithErrors > 0);
        shaped["assignedLicenses"] = Licenses(group);
        return Results.Text(shaped.ToJsonString(), "application/json");
    }

    private static async Task<IResult> MembersWithErrorsAsync(string id, HttpContext http, GroupService groups, UserQueryService users, CancellationToken cancellationToken)
    {
        var caller = GraphEndpoints.CallerOf(http);
        var group = await groups.GetAsync(caller, ParseId(id), cancellationToken);
        return await UsersAsync(http, caller, users, group.Members.Where(m => m.Error is not null).Select(m => m.UserId), cancellationToken);
    }

    private static async Task<IResult> ReprocessAsync(string idOrUpn, HttpContext http, GroupService groups, UserQueryService users, CancellationToken cancellationToken)
    {
        var caller = GraphEndpoints.CallerOf(http);
        var user = await users.FindAsync(caller, idOrUpn, cancellationToken) ?? throw GraphRequestException.NotFound(idOrUpn);
        await groups.ReprocessUserAsync(caller, user.Id, cancellationToken);
        return Results.Text(GraphUser.From(user).Shaped(null).ToJsonString(), "application/json");
    }

    private static async Task<IResult> ListAsync(HttpContext http, GroupService groups, CancellationToken cancellationToken)
    {
        var onlyWithErrors = ParseFilter(http.Request.Query["$filter"].ToString());
        var all = await groups.ListAsync(GraphEndpoints.CallerOf(http), cancellationToken);
        var body = new JsonObject
        {
            ["@odata.context"] = $"{GraphEndpoints.Origin(http)}/v1.0/$metadata#groups",
            ["value"] = new JsonArray(all.Where(g => !onlyWithErrors || g.MembersWithErrors > 0)
                .Select(g => (JsonNode)Shape(g.Id, g.DisplayName, null, g.IsDynamic, g.MembersWithErrors > 0)).ToArray()),
        };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, GroupService groups, CancellationToken cancellationToken)
    {
        var group = await groups.GetAsync(GraphEndpoints.CallerOf(http), ParseId(id), cancellationToken);
        var body = Shape(group.Id, group.DisplayName, group.MembershipRule, group.IsDynamic, group.MembersWithErrors > 0);
        body["assignedLicenses"] = Licenses(group);
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static async Task<IResult> CreateAsync(HttpContext http, GroupService groups, CancellationToken cancellationToken)
    {
        var body = await GraphEndpoints.ReadBodyAsync<CreateGroupBody>(http, cancellationToken);
        var dynamic = body.GroupTypes?.Contains("DynamicMembership", StringComparer.OrdinalIgnoreCase) ?? false;
        if (dynamic && string.IsNullOrWhiteSpace(body.MembershipRule))
            throw GraphRequestException.BadRequest("A group with groupTypes DynamicMembership needs a membershipRule.");
        if (!dynamic && body.MembershipRule is not null)
            throw GraphRequestException.BadRequest("A membershipRule needs groupTypes to contain DynamicMembership.");
        var caller = GraphEndpoints.CallerOf(http);
        var id = await groups.CreateAsync(caller, body.DisplayName ?? string.Empty, dynamic ? body.MembershipRule : null, cancellationToken);
        var created = await groups.GetAsync(caller, id, cancellationToken);
        var shaped = Shape(created.Id, created.DisplayName, created.MembershipRule, created.IsDynamic, false);
        return Results.Text(shaped.ToJsonString(), "application/json", statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, GroupService groups, CancellationToken cancellationToken)
    {
        await groups.DeleteAsync(GraphEndpoints.CallerOf(http), ParseId(id), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> MembersAsync(string id, HttpContext http, GroupService groups, UserQueryService users, CancellationToken cancellationToken)
    {
        var caller = GraphEndpoints.CallerOf(http);
        var group = await groups.GetAsync(caller, ParseId(id), cancellationToken);
        return await UsersAsync(http, caller, users, group.Members.Select(m => m.UserId), cancellationToken);
    }

    private static async Task<IResult> UsersAsync(
        HttpContext http, LicenseAdmin.Infrastructure.Services.Caller caller, UserQueryService users, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var value = new JsonArray();
        foreach (var userId in ids)
        {
            if (await users.FindAsync(caller, userId.ToString(), cancellationToken) is not { } user) continue;
            var shaped = GraphUser.From(user).Shaped(null);
            shaped["@odata.type"] = "#microsoft.graph.user";
            value.Add(shaped);
        }
        var body = new JsonObject { ["@odata.context"] = $"{GraphEndpoints.Origin(http)}/v1.0/$metadata#directoryObjects", ["value"] = value };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static async Task<IResult> AddMemberAsync(string id, HttpContext http, GroupService groups, CancellationToken cancellationToken)
    {
        var body = await GraphEndpoints.ReadBodyAsync<MemberRefBody>(http, cancellationToken);
        var reference = body.ODataId?.TrimEnd('/') ?? throw GraphRequestException.BadRequest("The request body must carry @odata.id.");
        var slash = reference.LastIndexOf('/');
        if (slash < 0 || !reference[..slash].EndsWith("/users", StringComparison.OrdinalIgnoreCase) && !reference[..slash].EndsWith("/directoryObjects", StringComparison.OrdinalIgnoreCase))
            throw GraphRequestException.BadRequest($"Invalid URL format specified in @odata.bind for members: '{body.ODataId}'.");
        await groups.AddMembersAsync(GraphEndpoints.CallerOf(http), ParseId(id), [ParseId(reference[(slash + 1)..])], cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> RemoveMemberAsync(string id, string userId, HttpContext http, GroupService groups, CancellationToken cancellationToken)
    {
        var removed = await groups.RemoveMembersAsync(GraphEndpoints.CallerOf(http), ParseId(id), [ParseId(userId)], cancellationToken);
        // Graph answers a reference that is not there with not-found, as for an unknown object.
        if (removed == 0) throw GraphRequestException.NotFound(userId);
        return Results.NoContent();
    }

    private static JsonArray Licenses(GroupDetails group) => new(group.Licenses.Select(l => (JsonNode)new JsonObject
    {
        ["skuId"] = l.ProductId.ToString(),
        ["disabledPlans"] = new JsonArray(l.DisabledPlanIds.Select(p => (JsonNode)JsonValue.Create(p.ToString())!).ToArray()),
    }).ToArray());

    private static JsonObject Shape(Guid id, string displayName, string? rule, bool dynamic, bool hasErrors) => new()
    {
        ["id"] = id.ToString(),
        ["displayName"] = displayName,
        ["description"] = null,
        ["groupTypes"] = dynamic ? new JsonArray("DynamicMembership") : new JsonArray(),
        ["membershipRule"] = rule,
        ["membershipRuleProcessingState"] = dynamic ? "On" : null,
        ["mailEnabled"] = false,
        ["securityEnabled"] = true,
        ["hasMembersWithLicenseErrors"] = hasErrors,
    };

    /// <summary>Any string that is not one of our ids names nothing: Graph's not-found, never a parse error.</summary>
    private static Guid ParseId(string id) => Guid.TryParse(id, out var parsed) ? parsed : throw GraphRequestException.NotFound(id);

    private static bool ParseFilter(string filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return false;
        var words = filter.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words is [var property, var op, var value] && property.Equals("hasMembersWithLicenseErrors", StringComparison.OrdinalIgnoreCase)
            && op.Equals("eq", StringComparison.OrdinalIgnoreCase) && value.Equals("true", StringComparison.OrdinalIgnoreCase))
            return true;
        throw GraphRequestException.UnsupportedQuery(
            "Only $filter=hasMembersWithLicenseErrors eq true is supported on groups.");
    }

    private sealed record CreateGroupBody(string? DisplayName, string[]? GroupTypes, string? MembershipRule, bool? MailEnabled, bool? SecurityEnabled, string? MailNickname, string? Description);

    private sealed record MemberRefBody([property: JsonPropertyName("@odata.id")] string? ODataId);
}
