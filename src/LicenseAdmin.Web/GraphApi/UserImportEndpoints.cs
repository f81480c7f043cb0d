using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Domain.Users.Import;
using LicenseAdmin.Infrastructure.Services.Users.Import;
using Microsoft.AspNetCore.Http.Features;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// What Graph lacks: adding many users from a CSV file (the template of Active users' "Add multiple users") as
/// preview, apply and undo, calling the import service the dialog and the <c>import-users</c> command call, so the
/// messages per line and column are the same. Outside <c>/v1.0</c>, with the same app tokens (User.ReadWrite.All),
/// throttling and error envelope. The file is the request body (text/csv) or the part "file" of a multipart form.
/// </summary>
public static class UserImportEndpoints
{
    private static readonly string ManageUsers = GraphAuthentication.Policy(ApiPermissions.UserReadWriteAll);

    /// <summary>A multipart body may carry the form's boundaries and headers on top of the largest file.</summary>
    private const long MultipartAllowance = 64 * 1024;

    public static void MapUserImportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users/import").AddEndpointFilter(GraphErrors.TranslateRefusals).RequireRateLimiting(GraphRateLimiting.Policy)
            .RequireAuthorization(ManageUsers).DisableAntiforgery().WithTags("Add users from a file");
        api.MapPost("/preview", PreviewAsync)
            .WithSummary("Checks a CSV file of users against the organisation: every problem by line and column, and the seats each product needs. Writes nothing.")
            .Accepts<string>("text/csv", "multipart/form-data").Produces<ImportPreviewAnswer>().Produces<GraphErrorEnvelope>(StatusCodes.Status400BadRequest);
        api.MapPost("/apply", ApplyAsync)
            .WithSummary("Adds every user of the file, or none (400 names every problem); one-time passwords are in the answer only.")
            .Accepts<string>("text/csv", "multipart/form-data").Produces<ImportApplyAnswer>().Produces<GraphErrorEnvelope>(StatusCodes.Status400BadRequest);
        api.MapPost("/{importId:guid}/undo", UndoAsync)
            .WithSummary("Takes an import back: its users still active lose their licenses and are removed for good.")
            .Produces<ImportUndoAnswer>().Produces<GraphErrorEnvelope>(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> PreviewAsync(HttpContext http, UserImportService imports, string? products, string? disabledPlans,
        bool? passwords, CancellationToken cancellationToken)
    {
        var caller = GraphEndpoints.CallerOf(http);
        var options = await OptionsAsync(caller, imports, products, disabledPlans, passwords, cancellationToken);
        await using var file = await FileOfAsync(http, cancellationToken);
        var preview = await imports.PreviewAsync(caller, file, options, null, cancellationToken);
        return Results.Json(new ImportPreviewAnswer(
            preview.CanApply, preview.Users.Count,
            preview.Problems.Select(p => new ImportProblem(p.Line, p.Column, p.Reason.Code, p.Message.ToString())).ToList(),
            preview.Seats.Select(s => new ImportSeat(s.ProductId, s.Product, s.Needed, s.Available, s.Problem?.ToString())).ToList()), GraphErrors.Json);
    }

    private static async Task<IResult> ApplyAsync(HttpContext http, UserImportService imports, string? products, string? disabledPlans,
        bool? passwords, CancellationToken cancellationToken)
    {
        var caller = GraphEndpoints.CallerOf(http);
        var options = await OptionsAsync(caller, imports, products, disabledPlans, passwords, cancellationToken);
        await using var file = await FileOfAsync(http, cancellationToken);
        var result = await imports.ApplyAsync(caller, file, options, null, cancellationToken);
        return Results.Json(new ImportApplyAnswer(result.ImportId, result.LicenseOperationId,
            result.Users.Select(u => new ImportAccount(u.UserId, u.Line, u.UserPrincipalName, u.DisplayName, u.Password)).ToList()), GraphErrors.Json);
    }

    // An import the organisation does not have is Graph's 404 (GraphErrors.Classify), as for the other resources.
    private static async Task<IResult> UndoAsync(Guid importId, HttpContext http, UserImportService imports, CancellationToken cancellationToken) =>
        Results.Json(new ImportUndoAnswer(await imports.UndoAsync(GraphEndpoints.CallerOf(http), importId, cancellationToken)), GraphErrors.Json);

    /// <summary>The products to give every user, by part number or name as on the command line, comma-separated.</summary>
    private static async Task<UserImportOptions> OptionsAsync(Infrastructure.Services.Caller caller, UserImportService imports, string? products,
        string? disabledPlans, bool? passwords, CancellationToken cancellationToken)
    {
        var named = await imports.ProductsNamedAsync(caller, List(products), List(disabledPlans), cancellationToken);
        return new UserImportOptions(named, passwords ?? true);
    }

    private static IReadOnlyList<string> List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The file: the part "file" of a multipart form, or the body itself. The import reads at most
    /// <see cref="UserImportRules.MaxFileBytes"/> and refuses a larger file with its size, so the server's own
    /// smaller body limit is lifted for these requests.
    /// </summary>
    private static async Task<Stream> FileOfAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = UserImportRules.MaxFileBytes + 1 + MultipartAllowance;
        if (!http.Request.HasFormContentType) return http.Request.Body;
        var form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = UserImportRules.MaxFileBytes + 1 + MultipartAllowance }, cancellationToken);
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
            ?? throw GraphRequestException.BadRequest("The form has no file: send the CSV file as the part named 'file'.");
        if (file.Length > UserImportRules.MaxFileBytes) throw new UserImportRefusedException([UserImportRules.FileTooLarge(file.Length)]);
        return file.OpenReadStream();
    }
}

/// <summary>One problem of a line: the line (1 is the header), the column if any, the code and the sentence the dialog shows.</summary>
public sealed record ImportProblem(int Line, string? Column, string Code, string Message);

public sealed record ImportSeat(Guid SkuId, string DisplayName, int Needed, int Available, string? Problem);

/// <summary>The preview: whether the file can be applied as it is, how many users it adds, every problem and the seats.</summary>
public sealed record ImportPreviewAnswer(bool Valid, int Users, IReadOnlyList<ImportProblem> Problems, IReadOnlyList<ImportSeat> Seats);

/// <summary>An added user; the one-time password (when asked for) is shown here once and never stored in clear.</summary>
public sealed record ImportAccount(Guid Id, int Line, string UserPrincipalName, string DisplayName, string? Password);

public sealed record ImportApplyAnswer(Guid ImportId, Guid? LicenseOperationId, IReadOnlyList<ImportAccount> Users);

public sealed record ImportUndoAnswer(int UsersRemoved);
