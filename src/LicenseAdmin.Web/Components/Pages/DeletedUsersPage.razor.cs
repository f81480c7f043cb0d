using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LicenseAdmin.Web.Components.Pages;

/// <summary>
/// Deleted users: server-side pages with days left of the 30-day retention, and Restore for the selected users.
/// The restore rules (retention, username taken, seats) are the user service's; this page shows its answer.
/// </summary>
public partial class DeletedUsersPage
{
    [Inject] private DeletedUserDirectoryService Directory { get; set; } = null!;
    [Inject] private UserService Users { get; set; } = null!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = null!;

    private MudDataGrid<DeletedUserRow> _grid = null!;
    private HashSet<DeletedUserRow> _selected = [];
    private int _total;
    private int _loads;
    private bool _mayRestore;
    private ActionGuard _guard = null!;
    private string? _search;
    private UserRestoreResult? _result;

    private string SelectionSummary => _selected.Count > 0 ? L["{0} selected", _selected.Count] : _total == 1 ? L["1 deleted user"] : L["{0} deleted users", _total];

    protected override async Task OnInitializedAsync() =>
        _mayRestore = RolePolicy.Allows((await CurrentCaller.GetAsync()).Roles, Permission.DeleteAndRestoreUsers);

    private async Task<GridData<DeletedUserRow>> LoadAsync(GridState<DeletedUserRow> state, CancellationToken cancellationToken)
    {
        var page = await Directory.PageAsync(await CurrentCaller.GetAsync(), _search, state.Page * state.PageSize, state.PageSize, cancellationToken);
        _total = page.Total;
        _loads++;
        // The toolbar shows the count; the grid's callback does not re-render the page by itself.
        _ = InvokeAsync(StateHasChanged);
        return new GridData<DeletedUserRow> { Items = page.Rows, TotalItems = page.Total };
    }

    private async Task OnSearchChangedAsync(string? text)
    {
        _search = text;
        _selected = [];
        await _grid.ReloadServerData();
    }

    private void OnSelectedItemsChanged(HashSet<DeletedUserRow> items) => _selected = items;

    private async Task RestoreAsync()
    {
        if (_selected.Count == 0) return;
        _result = null;
        await _guard.RunAsync(async (caller, cancellationToken) =>
        {
            _result = await Users.RestoreAsync(caller, _selected.Select(u => u.Id).ToList(), cancellationToken);
            _selected = [];
            await _grid.ReloadServerData();
        });
    }
}
