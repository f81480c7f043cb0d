using System.Text.Json;
using System.Text.Json.Nodes;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Users;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// Deleted users (<c>/directory/deletedItems</c>) and the audit log (<c>/auditLogs/directoryAudits</c>): reads of the
/// same services the Deleted users and Audit log pages use, and the restore of the user service.
/// </summary>
public static class GraphDirectoryEndpoints
{
    private static readonly string ReadUsers = GraphAuthentication.Policy(ApiPermissions.UserReadAll, ApiPermissions.UserReadWriteAll, ApiPermissions.DirectoryReadAll);
    private static readonly string ReadAudit = GraphAuthentication.Policy(ApiPermissions.AuditLogReadAll);

    /// <summary>What a deleted user shows without $select: Graph's default set and when the user was deleted.</summary>
    private static readonly IReadOnlyList<string> DeletedDefault = [.. GraphUser.DefaultProperties, "deletedDateTime"];

    public static void MapGraphDirectory(this RouteGroupBuilder graph)
    {
        // The docs name the cast microsoft.graph.user; the .NET SDK sends graph.user. Both are served.
        graph.MapGet("/directory/deletedItems/microsoft.graph.user", DeletedUsersAsync).RequireAuthorization(ReadUsers)
            .WithSummary("Deleted users, newest deletion first, with $select, $top and @odata.nextLink.").Produces<GraphUser[]>();
        graph.MapGet("/directory/deletedItems/graph.user", DeletedUsersAsync).RequireAuthorization(ReadUsers)
            .WithSummary("The same list under the cast name the .NET SDK sends.").Produces<GraphUser[]>();
        graph.MapGet("/directory/deletedItems/{id}", DeletedUserAsync).RequireAuthorization(ReadUsers)
            .WithSummary("A deleted user by id.").Produces<GraphUser>().Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
        graph.MapPost("/directory/deletedItems/{id}/restore", RestoreAsync).RequireAuthorization(GraphUserWrites.WriteUsers).DisableAntiforgery()
            .WithSummary("Restores a deleted user with the licenses seats allow; licenses not restored are listed in @licenseAdmin.licensesNotRestored.")
            .Produces<GraphUser>().Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
        graph.MapGet("/auditLogs/directoryAudits", DirectoryAuditsAsync).RequireAuthorization(ReadAudit)
            .WithSummary("The audit log as directoryAudits, with $filter on activityDateTime, category and activityDisplayName (AuditLog.Read.All).");
        graph.MapGet("/auditLogs/directoryAudits/{id}", DirectoryAuditAsync).RequireAuthorization(ReadAudit)
            .WithSummary("One directoryAudit by id (AuditLog.Read.All); another organisation's entry is 404, as one that does not exist.")
            .Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> DeletedUsersAsync(HttpContext http, UserQueryService users, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var select = GraphUserQueryParser.SelectOnly(query, "$top", "$skiptoken");
        var top = GraphUserQueryParser.Top(query, UserQueryService.MaxTop);
        var after = query.TryGetValue("$skiptoken", out var token) ? OpaqueToken.Read<DeletedUserKey>(token.ToString()) : null;
        var page = await users.ListDeletedAsync(GraphEndpoints.CallerOf(http), top, after, cancellationToken);
        var body = new JsonObject { ["@odata.context"] = $"{GraphEndpoints.Origin(http)}/v1.0/$metadata#directoryObjects/microsoft.graph.user" };
        if (page.Next is { } next) body["@odata.nextLink"] = GraphEndpoints.NextLink(http, OpaqueToken.Write(next));
        body["value"] = new JsonArray(page.Users.Select(u => (JsonNode)GraphUser.From(u).Shaped(select ?? DeletedDefault)).ToArray());
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static async Task<IResult> DeletedUserAsync(string id, HttpContext http, UserQueryService users, CancellationToken cancellationToken)
    {
        var select = GraphUserQueryParser.SelectOnly(http.Request.Query);
        var user = await FindDeletedAsync(id, http, users, cancellationToken);
        var json = GraphUser.From(user).Shaped(select ?? DeletedDefault);
        json["@odata.type"] = "#microsoft.graph.user";
        return Results.Text(json.ToJsonString(), "application/json");
    }

    /// <summary>
    /// Restores through the user service (username still free, role may restore, 30 days not over; licenses back only
    /// where a seat is free). Licenses that did not come back are listed with their reason beside the user.
    /// </summary>
    private static async Task<IResult> RestoreAsync(string id, HttpContext http, UserService service, UserQueryService users, CancellationToken cancellationToken)
    {
        var caller = GraphEndpoints.CallerOf(http);
        var deleted = await FindDeletedAsync(id, http, users, cancellationToken);
        var result = await service.RestoreAsync(caller, [deleted.User.Id], cancellationToken);
        var restored = await users.FindAsync(caller, deleted.User.Id.ToString(), cancellationToken) ?? throw GraphRequestException.NotFound(id);
        var json = GraphUser.From(restored).Shaped(null);
        json["@odata.type"] = "#microsoft.graph.user";
        var notRestored = result.Users.SelectMany(u => u.LicensesNotRestored).ToList();
        if (notRestored.Count > 0)
        {
            json["@licenseAdmin.licensesNotRestored"] = new JsonArray(notRestored.Select(v => (JsonNode)new JsonObject
            {
                ["skuId"] = v.ProductId?.ToString(), ["licenseError"] = v.Code.ToString(), ["message"] = v.Message,
            }).ToArray());
        }
        return Results.Text(json.ToJsonString(), "application/json");
    }

    private static async Task<DeletedUserRecord> FindDeletedAsync(string id, HttpContext http, UserQueryService users, CancellationToken cancellationToken) =>
        (Guid.TryParse(id, out var userId) ? await users.FindDeletedAsync(GraphEndpoints.CallerOf(http), userId, cancellationToken) : null)
        ?? throw GraphRequestException.NotFound(id);

    private static async Task<IResult> DirectoryAuditsAsync(HttpContext http, AuditLogService audit, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var filter = GraphAuditQueryParser.Parse(query);
        var top = GraphUserQueryParser.Top(query, AuditLogQuery.MaxTake);
        var after = query.TryGetValue("$skiptoken", out var token) ? OpaqueToken.Read<AuditLogKey>(token.ToString()) : null;
        var page = await audit.PageAfterAsync(GraphEndpoints.CallerOf(http), filter with { Take = top }, after, cancellationToken);
        var body = new JsonObject { ["@odata.context"] = $"{GraphEndpoints.Origin(http)}/v1.0/$metadata#auditLogs/directoryAudits" };
        if (page.Next is { } next) body["@odata.nextLink"] = GraphEndpoints.NextLink(http, OpaqueToken.Write(next));
        body["value"] = new JsonArray(page.Rows.Select(r => (JsonNode)DirectoryAudit(r)).ToArray());
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static async Task<IResult> DirectoryAuditAsync(string id, HttpContext http, AuditLogService audit, CancellationToken cancellationToken)
    {
        if (http.Request.Query.Count > 0)
            throw GraphRequestException.UnsupportedQuery($"The query option '{http.Request.Query.First().Key}' is not supported on a single directoryAudit.");
        var row = (long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var entryId)
            ? await audit.FindAsync(GraphEndpoints.CallerOf(http), entryId, cancellationToken) : null)
            ?? throw GraphRequestException.NotFound(id);
        var json = DirectoryAudit(row);
        json.Insert(0, "@odata.context", $"{GraphEndpoints.Origin(http)}/v1.0/$metadata#auditLogs/directoryAudits/$entity");
        return Results.Text(json.ToJsonString(), "application/json");
    }

    /// <summary>An audit entry in Graph's directoryAudit shape; an app's call shows as initiatedBy.app.</summary>
    private static JsonObject DirectoryAudit(AuditLogRow row)
    {
        var isApp = row.Role.StartsWith("App ", StringComparison.Ordinal);
        var category = AuditCategory.Of(row.Action);
        JsonNode initiatedBy = isApp
            ? new JsonObject { ["app"] = new JsonObject { ["appId"] = row.Role["App ".Length..], ["displayName"] = row.Actor }, ["user"] = null }
            : new JsonObject { ["user"] = new JsonObject { ["userPrincipalName"] = row.Actor, ["displayName"] = null }, ["app"] = null };
        var target = new JsonObject
        {
            ["id"] = row.TargetId?.ToString(),
            ["displayName"] = row.Target,
            ["type"] = category switch { AuditCategory.ApplicationManagement => "Application", AuditCategory.UserManagement or AuditCategory.RoleManagement => "User", _ => "Other" },
            ["userPrincipalName"] = row.Target.Contains('@') && !row.Target.Contains(' ') ? row.Target : null,
            ["modifiedProperties"] = new JsonArray(ModifiedProperties(row.Before, row.After).ToArray()),
        };
        return new JsonObject
        {
            ["id"] = row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["category"] = category,
            ["correlationId"] = row.OperationId?.ToString(),
            ["result"] = row.Outcome == AuditOutcome.Succeeded ? "success" : "failure",
            ["resultReason"] = row.Detail ?? "",
            ["activityDisplayName"] = row.Action,
            ["activityDateTime"] = GraphUser.Iso(row.OccurredUtc),
            ["loggedByService"] = "Core Directory",
            ["operationType"] = OperationType(row.Action),
            ["initiatedBy"] = initiatedBy,
            ["targetResources"] = new JsonArray(target),
            ["additionalDetails"] = new JsonArray(),
        };
    }

    private static string OperationType(string action) => action.Split(' ')[0] switch
    {
        "Add" or "Purchase" or "Register" => "Add",
        "Delete" or "Remove" or "Purge" or "Reduce" => "Delete",
        "Change" => "Assign",
        _ => "Update",
    };

    /// <summary>The properties whose recorded value differs between before and after; a list (licenses) is one property.</summary>
    private static IEnumerable<JsonNode> ModifiedProperties(string? before, string? after)
    {
        var old = Parse(before);
        var now = Parse(after);
        if (old is JsonObject oldObject || now is JsonObject)
        {
            var left = old as JsonObject ?? [];
            var right = now as JsonObject ?? [];
            foreach (var name in left.Select(p => p.Key).Union(right.Select(p => p.Key)))
            {
                var o = left[name]?.ToJsonString();
                var n = right[name]?.ToJsonString();
                if (o != n) yield return new JsonObject { ["displayName"] = name, ["oldValue"] = o, ["newValue"] = n };
            }
        }
        else if (old is not null || now is not null)
        {
            yield return new JsonObject { ["displayName"] = "value", ["oldValue"] = old?.ToJsonString(), ["newValue"] = now?.ToJsonString() };
        }
    }

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }
}
