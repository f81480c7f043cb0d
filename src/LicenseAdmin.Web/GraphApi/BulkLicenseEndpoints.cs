using System.Text.Json;
using System.Text.Json.Nodes;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// What Graph lacks: a bulk license change for any number of users as preview, apply and undo, calling the license
/// service's bulk methods the grid's "Manage product licenses" dialog calls. Outside <c>/v1.0</c>, with the same app
/// tokens, permission (LicenseAssignment.ReadWrite.All), throttling and error envelope.
/// </summary>
public static class BulkLicenseEndpoints
{
    /// <summary>How many changed users a preview lists one by one; the counts and seats always cover all of them.</summary>
    public const int ListedChanges = 1000;

    private static readonly string AssignLicenses = GraphAuthentication.Policy(ApiPermissions.LicenseAssignmentReadWriteAll, ApiPermissions.UserReadWriteAll);
    private static readonly HashSet<string> BodyProperties = ["mode", "userIds", "licenses", "previewToken"];

    public static void MapBulkLicenseEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/licenses").AddEndpointFilter(GraphErrors.TranslateRefusals).RequireRateLimiting(GraphRateLimiting.Policy)
            .RequireAuthorization(AssignLicenses).DisableAntiforgery().WithTags("Bulk license changes");
        api.MapPost("/bulk/preview", PreviewAsync)
            .WithSummary("What a bulk license change would do: per-user changes, seat impact and every violation. Writes nothing.")
            .Accepts<BulkLicenseBody>("application/json").Produces<BulkPreviewAnswer>().Produces<GraphErrorEnvelope>(StatusCodes.Status400BadRequest);
        api.MapPost("/bulk/apply", ApplyAsync)
            .WithSummary("Applies a previewed bulk license change all or nothing; a stale preview is refused with 409.")
            .Accepts<BulkLicenseBody>("application/json").Produces<BulkApplyAnswer>()
            .Produces<GraphErrorEnvelope>(StatusCodes.Status400BadRequest).Produces<GraphErrorEnvelope>(StatusCodes.Status409Conflict);
        api.MapPost("/operations/{operationId:guid}/undo", UndoAsync)
            .WithSummary("Returns every user of an applied change to the licenses they had before it, while seats allow.")
            .Produces<BulkApplyAnswer>().Produces<GraphErrorEnvelope>(StatusCodes.Status400BadRequest).Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> PreviewAsync(HttpContext http, LicenseService licenses, CancellationToken cancellationToken)
    {
        var (request, _) = await ReadAsync(http, requireToken: false, cancellationToken);
        var plan = await licenses.PreviewAsync(GraphEndpoints.CallerOf(http), request, cancellationToken);
        var changed = plan.ChangedUsers.ToList();
        return Results.Json(new BulkPreviewAnswer(
            PlanFingerprint.Of(plan), plan.IsValid, plan.HasChanges, changed.Count, plan.Users.Count - changed.Count,
            plan.Seats.Select(Seat).ToList(),
            plan.Violations.Select(v => new BulkViolation(v.Code.ToString(), v.Message, v.UserId, v.ProductId)).ToList(),
            changed.Take(ListedChanges).Select(u => new BulkUserChange(u.UserId, u.UserPrincipalName,
                u.Added.Select(l => new AssignedLicense(l.ProductId, l.DisabledPlanIds.Order().ToList())).ToList(), u.Removed,
                u.Changed.Select(c => new AssignedLicense(c.ProductId, c.After.Order().ToList())).ToList())).ToList(),
            changed.Count > ListedChanges), GraphErrors.Json);
    }

    private static async Task<IResult> ApplyAsync(HttpContext http, LicenseService licenses, CancellationToken cancellationToken)
    {
        var (request, token) = await ReadAsync(http, requireToken: true, cancellationToken);
        var result = await licenses.ApplyPreviewedAsync(GraphEndpoints.CallerOf(http), request, token!, cancellationToken);
        return Results.Json(Answer(result), GraphErrors.Json);
    }

    private static async Task<IResult> UndoAsync(Guid operationId, HttpContext http, LicenseService licenses, CancellationToken cancellationToken)
    {
        var result = await licenses.UndoAsync(GraphEndpoints.CallerOf(http), operationId, cancellationToken);
        return Results.Json(Answer(result), GraphErrors.Json);
    }

    private static BulkApplyAnswer Answer(LicenseChangeResult result) =>
        new(result.OperationId, result.UsersChanged, result.UsersUnchanged, result.Seats.Select(Seat).ToList());

    private static BulkSeat Seat(SeatDemand seat) =>
        new(seat.ProductId, seat.DisplayName, seat.SeatsNeeded, seat.SeatsReleased, seat.SeatsFree, seat.IsSatisfied);

    /// <summary>The body in Graph's manner: an unknown property, a missing one or a mode that does not exist is a 400 naming it.</summary>
    private static async Task<(BulkLicenseRequest Request, string? Token)> ReadAsync(HttpContext http, bool requireToken, CancellationToken cancellationToken)
    {
        var json = await GraphEndpoints.ReadJsonObjectAsync(http, cancellationToken);
        foreach (var (name, _) in json)
        {
            if (!BodyProperties.Contains(name)) throw GraphRequestException.BadRequest($"Property '{name}' does not exist on a bulk license change.");
        }
        BulkLicenseBody body;
        try
        {
            body = json.Deserialize<BulkLicenseBody>(GraphErrors.Json)!;
        }
        catch (JsonException ex)
        {
            throw GraphRequestException.BadRequest($"The bulk license change is not valid JSON of the documented shape: property '{ex.Path?.TrimStart('$', '.')}' has the wrong type.");
        }
        var mode = body.Mode switch
        {
            "addToExisting" => BulkLicenseMode.AddToExisting,
            "replaceExisting" => BulkLicenseMode.ReplaceExisting,
            "removeAll" => BulkLicenseMode.RemoveAll,
            null => throw GraphRequestException.BadRequest("Property 'mode' is required: addToExisting, replaceExisting or removeAll."),
            var other => throw GraphRequestException.BadRequest($"Property 'mode' is '{other}'; use addToExisting, replaceExisting or removeAll."),
        };
        if (body.UserIds is null) throw GraphRequestException.BadRequest("Property 'userIds' is required: the ids of the users to change.");
        if (mode == BulkLicenseMode.RemoveAll && body.Licenses is { Count: > 0 })
            throw GraphRequestException.BadRequest("Property 'licenses' must be empty or left out when the mode is removeAll.");
        if (requireToken && string.IsNullOrWhiteSpace(body.PreviewToken))
            throw GraphRequestException.BadRequest("Property 'previewToken' is required: preview the change first and apply with the preview's previewToken.");
        var products = (body.Licenses ?? []).Select(l => new ProductLicense(l.SkuId, l.DisabledPlans ?? [])).ToList();
        return (new BulkLicenseRequest(mode, UserSelection.Of(body.UserIds), products), body.PreviewToken);
    }
}

/// <summary>A bulk license change: the mode, the users and the products (with plans turned off); apply adds the preview's token.</summary>
public sealed record BulkLicenseBody(string? Mode, IReadOnlyList<Guid>? UserIds, IReadOnlyList<AssignedLicense>? Licenses, string? PreviewToken);

public sealed record BulkSeat(Guid SkuId, string DisplayName, int SeatsNeeded, int SeatsReleased, int SeatsFree, bool Satisfied);

public sealed record BulkViolation(string Code, string Message, Guid? UserId, Guid? SkuId);

public sealed record BulkUserChange(Guid UserId, string UserPrincipalName, IReadOnlyList<AssignedLicense> AddLicenses, IReadOnlyList<Guid> RemoveLicenses,
    IReadOnlyList<AssignedLicense> ChangedPlans);

public sealed record BulkPreviewAnswer(
    string PreviewToken, bool Valid, bool HasChanges, int UsersChanged, int UsersUnchanged, IReadOnlyList<BulkSeat> Seats,
    IReadOnlyList<BulkViolation> Violations, IReadOnlyList<BulkUserChange> Changes, bool ChangesTruncated);

public sealed record BulkApplyAnswer(Guid? OperationId, int UsersChanged, int UsersUnchanged, IReadOnlyList<BulkSeat> Seats);
