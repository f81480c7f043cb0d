using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Web.Exports;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace LicenseAdmin.Web.Components.Pages;

/// <summary>
/// Active users: server-side pages of one view, a selection that can grow to the whole view, and the
/// toolbar actions for it. Nothing here decides a rule; the services do.
/// </summary>
public partial class ActiveUsersPage
{
    [Inject] private UserDirectoryService Directory { get; set; } = null!;
    [Inject] private LicenseCatalogService Catalog { get; set; } = null!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;

    private MudDataGrid<ActiveUserRow> _grid = null!;
    private IReadOnlyList<ProductOption> _products = [];
    private HashSet<ActiveUserRow> _selected = [];
    private bool _allInView;
    private int _total;
    private int _loads;
    private int _pageSize = 50;
    private string _viewKey = UserViewKeys.All;
    private string? _search;
    private string? _viewMessage;
    private bool _mayAssign;
    private bool _mayAddUsers;
    private bool _mayDelete;
    private Guid? _panelUserId;

    private UserFilter Filter => IdleFilter() ?? UserViewKeys.ToFilter(_viewKey, _search);

    private int SelectedCount => _allInView ? _total : _selected.Count;

    private bool CanOfferSelectAll => !_allInView && _total > _pageSize && _selected.Count > 0 && _selected.Count >= Math.Min(_pageSize, _total);

    private string SelectionSummary => _allInView
        ? L["All {0} users in this view are selected", _total]
        : _selected.Count > 0 ? L["{0} selected", _selected.Count] : L["{0} users", _total];

    private string ExportUrl => ExportUrls.ActiveUsers(_viewKey, _search);

    private MarkupString UnlicensedLabel =>
        new($"<p class=\"mud-typography mud-typography-body2 mud-secondary-text\">{System.Net.WebUtility.HtmlEncode(L["Unlicensed"])}</p>");

    protected override async Task OnInitializedAsync()
    {
        OpenRequestedView();
        var caller = await CurrentCaller.GetAsync();
        _mayAssign = RolePolicy.Allows(caller.Roles, Permission.AssignLicenses);
        _mayAddUsers = RolePolicy.Allows(caller.Roles, Permission.ManageUsers);
        _mayDelete = RolePolicy.Allows(caller.Roles, Permission.DeleteAndRestoreUsers);
        _products = await Catalog.SubscribedProductsAsync(caller, CancellationToken.None);
    }

    private async Task<GridData<ActiveUserRow>> LoadAsync(GridState<ActiveUserRow> state, CancellationToken cancellationToken)
    {
        _pageSize = state.PageSize;
        try
        {
            var page = await Directory.PageAsync(await CurrentCaller.GetAsync(), await CurrentFilterAsync(), SortOf(state), state.Page * state.PageSize, state.PageSize, cancellationToken);
            _total = page.Total;
            _loads++;
            _viewMessage = null;
            // The toolbar shows the count; the grid's callback does not re-render the page by itself.
            _ = InvokeAsync(StateHasChanged);
            return new GridData<ActiveUserRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (DomainException unavailable)
        {
            // e.g. the Unlicensed view of a Small Business Premium-only tenant: say why instead of showing rows.
            _viewMessage = Messages[unavailable];
            _total = 0;
            _loads++;
            _ = InvokeAsync(StateHasChanged);
            return new GridData<ActiveUserRow> { Items = [], TotalItems = 0 };
        }
    }

    private static UserSort SortOf(GridState<ActiveUserRow> state)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var column = sort?.SortBy switch
        {
            nameof(ActiveUserRow.UserPrincipalName) => UserSortColumn.UserPrincipalName,
            nameof(ActiveUserRow.Department) => UserSortColumn.Department,
            nameof(ActiveUserRow.UsageLocation) => UserSortColumn.UsageLocation,
            _ => UserSortColumn.DisplayName,
        };
        return new UserSort(column, sort?.Descending ?? false);
    }

    private async Task OnViewChangedAsync(string key)
    {
        _idleFilter = IdleFilterOfAsync(key);
        _viewKey = key;
        await _idleFilter;
        await ReloadAsync(clearSelection: true);
    }

    private async Task OnSearchChangedAsync(string? text)
    {
        _search = text;
        await ReloadAsync(clearSelection: true);
    }

    private void OnSelectedItemsChanged(HashSet<ActiveUserRow> items)
    {
        _selected = items;
        _allInView = false;
    }

    private void SelectAllInView() => _allInView = true;

    private void ClearSelection()
    {
        _selected = [];
        _allInView = false;
    }

    private UserSelection CurrentSelection =>
        _allInView ? UserSelection.Matching(Filter) : UserSelection.Of(_selected.Select(u => u.Id));

    private async Task OpenManageLicensesAsync()
    {
        var parameters = new DialogParameters<ManageLicensesDialog>
        {
            { d => d.Selection, CurrentSelection },
            { d => d.SelectedCount, SelectedCount },
            { d => d.Products, _products },
        };
        var dialog = await Dialogs.ShowAsync<ManageLicensesDialog>(L["Manage product licenses"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Data: true }) await ReloadAsync(clearSelection: true);
    }

    private async Task OpenAddToGroupAsync()
    {
        var parameters = new DialogParameters<AddToGroupDialog> { { d => d.UserIds, _selected.Select(u => u.Id).ToList() } };
        var dialog = await Dialogs.ShowAsync<AddToGroupDialog>(L["Add to group"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: true }) await ReloadAsync(clearSelection: true);
    }

    private async Task OpenAddMultipleUsersAsync()
    {
        var dialog = await Dialogs.ShowAsync<AddMultipleUsersDialog>(L["Add multiple users"],
            new DialogParameters<AddMultipleUsersDialog> { { d => d.Products, _products } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = false, BackdropClick = false });
        if (await dialog.Result is { Canceled: false }) await ReloadAsync(clearSelection: false);
    }

    private async Task OpenAddUserAsync()
    {
        var dialog = await Dialogs.ShowAsync<AddUserDialog>(L["Add a user"],
            new DialogParameters<AddUserDialog> { { d => d.Products, _products } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Data: Guid created })
        {
            await ReloadAsync(clearSelection: false);
            _panelUserId = created;
        }
    }

    private async Task OpenDeleteUsersAsync()
    {
        var parameters = new DialogParameters<DeleteUsersDialog>
        {
            { d => d.Selection, CurrentSelection },
            { d => d.SelectedCount, SelectedCount },
        };
        var dialog = await Dialogs.ShowAsync<DeleteUsersDialog>(L["Delete users"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: true }) await ReloadAsync(clearSelection: true);
    }

    private void OpenUser(DataGridRowClickEventArgs<ActiveUserRow> click) => _panelUserId = click.Item.Id;

    private void OnPanelOpenChanged(bool open)
    {
        if (!open) _panelUserId = null;
    }

    private void ClosePanel() => _panelUserId = null;

    private Task ReloadAsync() => ReloadAsync(clearSelection: false);

    private async Task ReloadAsync(bool clearSelection)
    {
        if (clearSelection) ClearSelection();
        _products = await Catalog.SubscribedProductsAsync(await CurrentCaller.GetAsync(), CancellationToken.None);
        await _grid.ReloadServerData();
    }
}
