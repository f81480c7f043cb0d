using System.Text.Json;
using System.Text.Json.Nodes;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Services.Users;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// <c>POST /users</c>, <c>PATCH /users/{id}</c> and <c>DELETE /users/{id}</c>: the body is checked for Graph's shape here
/// (unknown properties, required ones); every rule of the change is the user service's.
/// </summary>
public static class GraphUserWrites
{
    public static readonly string WriteUsers = GraphAuthentication.Policy(ApiPermissions.UserReadWriteAll);

    private static readonly HashSet<string> Writable =
    [
        "accountEnabled", "displayName", "givenName", "surname", "userPrincipalName", "mailNickname", "usageLocation",
        "department", "jobTitle", "passwordProfile",
    ];

    public static void MapGraphUserWrites(this RouteGroupBuilder graph)
    {
        graph.MapPost("/users", CreateAsync).RequireAuthorization(WriteUsers).DisableAntiforgery()
            .WithSummary("Adds a user (User.ReadWrite.All); accountEnabled false adds them blocked, in one audited change.").Produces<GraphUser>(StatusCodes.Status201Created);
        graph.MapPatch("/users/{idOrUpn}", UpdateAsync).RequireAuthorization(WriteUsers).DisableAntiforgery()
            .WithSummary("Changes profile fields, accountEnabled and userPrincipalName (a rename) in one audited change.").Produces(StatusCodes.Status204NoContent);
        graph.MapDelete("/users/{idOrUpn}", DeleteAsync).RequireAuthorization(WriteUsers).DisableAntiforgery()
            .WithSummary("Moves the user to Deleted users for 30 days.").Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, UserService users, UserQueryService reader, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(http, cancellationToken);
        foreach (var required in new[] { "accountEnabled", "displayName", "mailNickname", "userPrincipalName", "passwordProfile" })
        {
            if (body[required] is null)
                throw GraphRequestException.BadRequest($"Property '{required}' is required when creating the object.");
        }
        var caller = http.User.ToAppCaller()!;
        var id = await users.CreateAsync(caller, new NewUser(
            Text(body, "userPrincipalName")!, Text(body, "displayName")!, Text(body, "givenName"), Text(body, "surname"),
            Text(body, "department"), Text(body, "jobTitle"), Text(body, "usageLocation")), [],
            signInBlocked: Flag(body, "accountEnabled") == false, cancellationToken);
        var created = await reader.FindAsync(caller, id.ToString(), cancellationToken) ?? throw GraphRequestException.NotFound(id.ToString());
        var json = GraphUser.From(created).Shaped(null);
        json["@odata.type"] = "#microsoft.graph.user";
        return Results.Text(json.ToJsonString(), "application/json", statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string idOrUpn, HttpContext http, UserService users, UserQueryService reader, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(http, cancellationToken);
        if (body.ContainsKey("passwordProfile"))
            throw GraphRequestException.BadRequest("Changing passwordProfile through the API is not supported; reset the password on the portal.");
        if (body.ContainsKey("userPrincipalName") && Text(body, "userPrincipalName") is null)
            throw GraphRequestException.BadRequest("Property 'userPrincipalName' cannot be null.");
        var caller = http.User.ToAppCaller()!;
        var user = await reader.FindAsync(caller, idOrUpn, cancellationToken) ?? throw GraphRequestException.NotFound(idOrUpn);
        string? Or(string name, string? current) => body.ContainsKey(name) ? Text(body, name) : current;
        var profile = new UserProfile(
            Or("displayName", user.DisplayName) ?? throw GraphRequestException.BadRequest("Property 'displayName' cannot be null."),
            Or("givenName", user.GivenName), Or("surname", user.Surname), Or("department", user.Department), Or("jobTitle", user.JobTitle),
            Or("usageLocation", user.UsageLocation));
        await users.UpdateAsync(caller, user.Id, profile, signInBlocked: !Flag(body, "accountEnabled"), Text(body, "userPrincipalName"), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> DeleteAsync(string idOrUpn, HttpContext http, UserService users, UserQueryService reader, CancellationToken cancellationToken)
    {
        var caller = http.User.ToAppCaller()!;
        var user = await reader.FindAsync(caller, idOrUpn, cancellationToken) ?? throw GraphRequestException.NotFound(idOrUpn);
        await users.DeleteAsync(caller, UserSelection.Of([user.Id]), cancellationToken);
        return Results.NoContent();
    }

    /// <summary>The body as JSON, refusing a property Graph's user does not have (the SDK's @odata.type is accepted).</summary>
    private static async Task<JsonObject> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var body = await GraphEndpoints.ReadJsonObjectAsync(http, cancellationToken);
        foreach (var (name, _) in body)
        {
            if (!name.StartsWith('@') && !Writable.Contains(name))
                throw GraphRequestException.BadRequest($"Property '{name}' does not exist on type 'microsoft.graph.user' or cannot be written.");
        }
        return body;
    }

    private static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw GraphRequestException.BadRequest($"Property '{name}' must be a string."),
    };

    private static bool? Flag(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => throw GraphRequestException.BadRequest($"Property '{name}' must be true or false."),
    };
}
