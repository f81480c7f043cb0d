using System.Text.Json;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Web.Exports;
using LicenseAdmin.Web.Authorization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LicenseAdmin.Web.Components.Pages;

public partial class AuditLogPage
{
    private static readonly int[] PageSizes = [25, 50, 100];
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    [Inject] private AuditLogService AuditLog { get; set; } = null!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = null!;

    private MudDataGrid<AuditLogRow>? _grid;
    private Caller? _caller;
    private string? _error;
    private string? _action;
    private string? _actor;
    private string? _target;
    private DateTime? _from;
    private DateTime? _to;
    private AuditOutcome? _outcome;

    private bool HasFilters => _action is not null || !string.IsNullOrWhiteSpace(_actor) || !string.IsNullOrWhiteSpace(_target) ||
        _from is not null || _to is not null || _outcome is not null;

    private string ExportUrl => ExportUrls.AuditLog(Filter());

    // The date pickers pick whole UTC days: "to" includes the whole of its day.
    private AuditLogQuery Filter() => new()
    {
        Action = _action,
        Actor = _actor,
        Target = _target,
        FromUtc = _from is { } from ? DateTime.SpecifyKind(from.Date, DateTimeKind.Utc) : null,
        ToUtc = _to is { } to ? DateTime.SpecifyKind(to.Date.AddDays(1).AddTicks(-1), DateTimeKind.Utc) : null,
        Outcome = _outcome,
    };

    private async Task<GridData<AuditLogRow>> LoadAsync(GridState<AuditLogRow> state, CancellationToken cancellationToken)
    {
        try
        {
            _caller ??= await CurrentCaller.GetAsync();
            var query = Filter() with { Skip = state.Page * state.PageSize, Take = state.PageSize };
            var result = await AuditLog.QueryAsync(_caller, query, cancellationToken);
            _error = null;
            return new GridData<AuditLogRow> { Items = result.Rows, TotalItems = result.TotalCount };
        }
        catch (DomainException ex)
        {
            _error = Messages[ex];
            return new GridData<AuditLogRow> { Items = [], TotalItems = 0 };
        }
    }

    private Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    private Task OnActionChanged(string? value) { _action = value; return ReloadAsync(); }
    private Task OnActorChanged(string? value) { _actor = value; return ReloadAsync(); }
    private Task OnTargetChanged(string? value) { _target = value; return ReloadAsync(); }
    private Task OnFromChanged(DateTime? value) { _from = value; return ReloadAsync(); }
    private Task OnToChanged(DateTime? value) { _to = value; return ReloadAsync(); }
    private Task OnOutcomeChanged(AuditOutcome? value) { _outcome = value; return ReloadAsync(); }

    private Task ClearFiltersAsync()
    {
        (_action, _actor, _target, _from, _to, _outcome) = (null, null, null, null, null, null);
        return ReloadAsync();
    }

    private static bool HasDetails(AuditLogRow row) => row.Before is not null || row.After is not null || row.OperationId is not null;

    private static string RowStyle(AuditLogRow row, int index) =>
        row.Outcome == AuditOutcome.Refused ? "background-color: rgba(244, 67, 54, 0.06)" : string.Empty;

    private string PrettyJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return L["(nothing)"];
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, IndentedJson);
        }
        catch (JsonException)
        {
            // Older entries may hold plain text; show it as written.
            return json;
        }
    }
}
