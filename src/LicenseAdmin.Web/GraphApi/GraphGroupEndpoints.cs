using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LicenseAdmin.Domain.Apps;
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
            .WithSummary("Groups, with $filter (displayName eq/ne/startsWith, hasMembersWithLicenseErrors eq true), $select, $top, $count and @odata.nextLink (Group.Read.All).");
        graph.MapGet("/groups/{id}", GetAsync).RequireAuthorization(ReadGroups)
            .WithSummary("A group with its assignedLicenses, with $select.").Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
        graph.MapPost("/groups", CreateAsync).RequireAuthorization(WriteGroups).DisableAntiforgery()
            .WithSummary("Creates a static group, or a dynamic one with groupTypes [\"DynamicMembership\"] and a membershipRule (Group.ReadWrite.All).");
        graph.MapPatch("/groups/{id}", UpdateAsync).RequireAuthorization(WriteGroups).DisableAntiforgery()
            .WithSummary("Renames a group, and sets or clears a dynamic group's membershipRule (groupTypes), in one change (Group.ReadWrite.All).")
            .Produces(StatusCodes.Status204NoContent).Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
        graph.MapDelete("/groups/{id}", DeleteAsync).RequireAuthorization(WriteGroups)
            .WithSummary("Deletes a group that gives no licenses.").Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
        graph.MapGet("/groups/{id}/members", MembersAsync).RequireAuthorization(ReadGroups)
            .WithSummary("The group's members as users, with $select, $filter, $top, $count and @odata.nextLink.").Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
        graph.MapPost("/groups/{id}/members/$ref", AddMemberAsync).RequireAuthorization(WriteMembers).DisableAntiforgery()
            .WithSummary("Adds a user to a static group: {\"@odata.id\": \".../users/{id}\"} (GroupMember.ReadWrite.All).");
        graph.MapDelete("/groups/{id}/members/{userId}/$ref", RemoveMemberAsync).RequireAuthorization(WriteMembers)
            .WithSummary("Removes a user from a static group (GroupMember.ReadWrite.All).");
        graph.MapPost("/groups/{id}/assignLicense", AssignLicenseAsync).RequireAuthorization(AssignGroupLicenses).DisableAntiforgery()
            .WithSummary("Adds and removes the products the group gives; members follow through the group license processor.")
            .Accepts<AssignLicenseBody>("application/json");
        graph.MapGet("/groups/{id}/membersWithLicenseErrors", MembersWithErrorsAsync).RequireAuthorization(ReadGroups)
            .WithSummary("Members who did not get the group's licenses, paged like /members.");
        graph.MapPost("/users/{idOrUpn}/reprocessLicenseAssignment", ReprocessAsync).RequireAuthorization(AssignGroupLicenses).DisableAntiforgery()
            .WithSummary("Applies the user's groups' licenses again, e.g. after buying seats (LicenseAssignment.ReadWrite.All).");
    }

    private static async Task<IResult> AssignLicenseAsync(
        string id, HttpContext http, GroupService groups, GroupQueryService reader, CancellationToken cancellationToken)
    {
        var (add, remove) = await GraphEndpoints.ReadAssignLicenseAsync(http, cancellationToken);
        var caller = GraphEndpoints.CallerOf(http);
        var groupId = ParseId(id);
        await groups.AddAndRemoveLicensesAsync(caller, groupId, add, remove, cancellationToken);
        // Graph answers with the group; its members get the licenses as the processor reaches them.
        var group = await reader.FindAsync(caller, groupId, cancellationToken) ?? throw GraphRequestException.NotFound(id);
        return Json(Shaped(group, GetDefault));
    }

    private static Task<IResult> MembersWithErrorsAsync(string id, HttpContext http, GroupQueryService groups, UserQueryService users, CancellationToken cancellationToken) =>
        UsersAsync(id, http, groups, users, onlyWithErrors: true, cancellationToken);

    private static async Task<IResult> ReprocessAsync(string idOrUpn, HttpContext http, GroupService groups, UserQueryService users, CancellationToken cancellationToken)
    {
        var caller = GraphEndpoints.CallerOf(http);
        var user = await users.FindAsync(caller, idOrUpn, cancellationToken) ?? throw GraphRequestException.NotFound(idOrUpn);
        await groups.ReprocessUserAsync(caller, user.Id, cancellationToken);
        return Results.Text(GraphUser.From(user).Shaped(null).ToJsonString(), "application/json");
    }

    private static async Task<IResult> ListAsync(HttpContext http, GroupQueryService groups, CancellationToken cancellationToken)
    {
        var request = GraphGroupQueryParser.Parse(http.Request.Query, GraphEndpoints.IsEventual(http));
        var page = await groups.ListAsync(GraphEndpoints.CallerOf(http), request.Query, cancellationToken);
        var body = new JsonObject { ["@odata.context"] = $"{GraphEndpoints.Origin(http)}/v1.0/$metadata#groups" };
        if (page.Count is { } count) body["@odata.count"] = count;
        if (page.Next is { } next) body["@odata.nextLink"] = GraphEndpoints.NextLink(http, new GroupSkipToken(next, request.Eventual).Write());
        body["value"] = new JsonArray(page.Groups.Select(g => (JsonNode)Shaped(g, request.Select ?? ListDefault)).ToArray());
        return Json(body);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, GroupQueryService groups, CancellationToken cancellationToken)
    {
        var select = GraphGroupQueryParser.SelectOnly(http.Request.Query);
        var group = await groups.FindAsync(GraphEndpoints.CallerOf(http), ParseId(id), cancellationToken) ?? throw GraphRequestException.NotFound(id);
        return Json(Shaped(group, select ?? GetDefault));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, GroupService groups, GroupQueryService reader, CancellationToken cancellationToken)
    {
        var body = await GraphEndpoints.ReadBodyAsync<CreateGroupBody>(http, cancellationToken);
        var dynamic = body.GroupTypes?.Contains("DynamicMembership", StringComparer.OrdinalIgnoreCase) ?? false;
        if (dynamic && string.IsNullOrWhiteSpace(body.MembershipRule))
            throw GraphRequestException.BadRequest(RuleNeeded);
        if (!dynamic && body.MembershipRule is not null)
            throw GraphRequestException.BadRequest(TypesNeeded);
        var caller = GraphEndpoints.CallerOf(http);
        var id = await groups.CreateAsync(caller, body.DisplayName ?? string.Empty, dynamic ? body.MembershipRule : null, cancellationToken);
        var created = await reader.FindAsync(caller, id, cancellationToken) ?? throw GraphRequestException.NotFound(id.ToString());
        return Results.Text(Shaped(created, ListDefault).ToJsonString(), "application/json", statusCode: StatusCodes.Status201Created);
    }

    private const string RuleNeeded = "A group with groupTypes DynamicMembership needs a membershipRule.";
    private const string TypesNeeded = "A membershipRule needs groupTypes to contain DynamicMembership.";

    /// <summary>
    /// <c>PATCH /groups/{id}</c>: displayName, and for a dynamic group its membershipRule (groupTypes turns a group dynamic
    /// or static, as in Graph); one change on the group service, so a refusal of either part changes nothing.
    /// </summary>
    private static async Task<IResult> UpdateAsync(string id, HttpContext http, GroupService groups, GroupQueryService reader, CancellationToken cancellationToken)
    {
        var body = await GraphEndpoints.ReadJsonObjectAsync(http, cancellationToken);
        foreach (var (name, _) in body)
        {
            if (name.StartsWith('@') || name is "displayName" or "membershipRule" or "groupTypes" or "membershipRuleProcessingState") continue;
            if (name == "description")
                throw GraphRequestException.BadRequest("Property 'description' cannot be written: LicenseAdmin groups have a name but no description.");
            throw GraphRequestException.BadRequest($"Property '{name}' does not exist on type 'microsoft.graph.group' or cannot be written.");
        }
        var caller = GraphEndpoints.CallerOf(http);
        var group = await reader.FindAsync(caller, ParseId(id), cancellationToken) ?? throw GraphRequestException.NotFound(id);
        if (body.ContainsKey("membershipRuleProcessingState") && Text(body, "membershipRuleProcessingState") != "On")
            throw GraphRequestException.BadRequest("Property 'membershipRuleProcessingState' can only be 'On': LicenseAdmin always evaluates a dynamic group's rule.");
        var displayName = body.ContainsKey("displayName")
            ? Text(body, "displayName") ?? throw GraphRequestException.BadRequest("Property 'displayName' cannot be null.")
            : null;
        var dynamic = body.ContainsKey("groupTypes") ? Types(body).Contains("DynamicMembership", StringComparer.OrdinalIgnoreCase) : group.IsDynamic;
        var rule = body.ContainsKey("membershipRule") ? Text(body, "membershipRule") : group.MembershipRule;
        if (dynamic && string.IsNullOrWhiteSpace(rule)) throw GraphRequestException.BadRequest(RuleNeeded);
        if (!dynamic && body.ContainsKey("membershipRule") && rule is not null) throw GraphRequestException.BadRequest(TypesNeeded);
        var newRule = dynamic ? rule : null;
        var setRule = newRule != group.MembershipRule;
        await groups.UpdateAsync(caller, group.Id, displayName, setRule, newRule, cancellationToken);
        return Results.NoContent();
    }

    private static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw GraphRequestException.BadRequest($"Property '{name}' must be a string."),
    };

    private static IReadOnlyList<string> Types(JsonObject body) => body["groupTypes"] switch
    {
        JsonArray types when types.All(t => t is JsonValue v && v.TryGetValue<string>(out _)) => types.Select(t => t!.GetValue<string>()).ToList(),
        _ => throw GraphRequestException.BadRequest("Property 'groupTypes' must be an array of strings."),
    };

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, GroupService groups, CancellationToken cancellationToken)
    {
        await groups.DeleteAsync(GraphEndpoints.CallerOf(http), ParseId(id), cancellationToken);
        return Results.NoContent();
    }

    private static Task<IResult> MembersAsync(string id, HttpContext http, GroupQueryService groups, UserQueryService users, CancellationToken cancellationToken) =>
        UsersAsync(id, http, groups, users, onlyWithErrors: false, cancellationToken);

    /// <summary>
    /// A page of the group's members (or of those in a license error) as users, with the users list's query options
    /// ($select, $top, $filter, $count and the next link): the same parser and the same paged query, limited to the group.
    /// </summary>
    private static async Task<IResult> UsersAsync(
        string id, HttpContext http, GroupQueryService groups, UserQueryService users, bool onlyWithErrors, CancellationToken cancellationToken)
    {
        var caller = GraphEndpoints.CallerOf(http);
        var groupId = ParseId(id);
        _ = await groups.FindAsync(caller, groupId, cancellationToken) ?? throw GraphRequestException.NotFound(id);
        var request = GraphUserQueryParser.Parse(http.Request.Query, GraphEndpoints.IsEventual(http));
        var members = new MemberOfGroup(groupId, onlyWithErrors);
        var page = await users.ListAsync(caller,
            request.Query with { Filter = request.Query.Filter is { } filter ? new AllOf(members, filter) : members }, cancellationToken);
        return GraphEndpoints.UserPage(http, "directoryObjects", request, page, odataType: "#microsoft.graph.user");
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

    /// <summary>What a group list and a created group carry without $select.</summary>
    private static readonly IReadOnlyList<string> ListDefault =
    [
        "id", "displayName", "description", "groupTypes", "membershipRule", "membershipRuleProcessingState", "mailEnabled",
        "securityEnabled", "hasMembersWithLicenseErrors",
    ];

    /// <summary>A single group (and the answer of assignLicense) carries its licenses too.</summary>
    private static readonly IReadOnlyList<string> GetDefault = [.. ListDefault, "assignedLicenses"];

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    /// <summary>The group as Graph shapes it, with only the <paramref name="select"/>ed properties.</summary>
    private static JsonObject Shaped(GroupRecord group, IReadOnlyList<string> select)
    {
        var all = new JsonObject
        {
            ["id"] = group.Id.ToString(),
            ["displayName"] = group.DisplayName,
            ["description"] = null,
            ["groupTypes"] = group.IsDynamic ? new JsonArray("DynamicMembership") : new JsonArray(),
            ["membershipRule"] = group.MembershipRule,
            ["membershipRuleProcessingState"] = group.IsDynamic ? "On" : null,
            ["mailEnabled"] = false,
            ["securityEnabled"] = true,
            ["mailNickname"] = null,
            ["createdDateTime"] = GraphUser.Iso(group.CreatedUtc),
            ["hasMembersWithLicenseErrors"] = group.HasMembersWithLicenseErrors,
            ["assignedLicenses"] = new JsonArray(group.Licenses.Select(l => (JsonNode)new JsonObject
            {
                ["skuId"] = l.ProductId.ToString(),
                ["disabledPlans"] = new JsonArray(l.DisabledPlanIds.Select(p => (JsonNode)JsonValue.Create(p.ToString())!).ToArray()),
            }).ToArray()),
        };
        var shaped = new JsonObject();
        foreach (var name in select) shaped[name] = all.TryGetPropertyValue(name, out var value) ? value?.DeepClone() : null;
        return shaped;
    }

    /// <summary>Any string that is not one of our ids names nothing: Graph's not-found, never a parse error.</summary>
    private static Guid ParseId(string id) => Guid.TryParse(id, out var parsed) ? parsed : throw GraphRequestException.NotFound(id);

    private sealed record CreateGroupBody(string? DisplayName, string[]? GroupTypes, string? MembershipRule, bool? MailEnabled, bool? SecurityEnabled, string? MailNickname, string? Description);

    private sealed record MemberRefBody([property: JsonPropertyName("@odata.id")] string? ODataId);
}
