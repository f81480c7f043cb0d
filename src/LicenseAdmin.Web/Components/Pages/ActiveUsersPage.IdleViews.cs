using LicenseAdmin.Infrastructure.Services.Spend;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Web.Exports;
using Microsoft.AspNetCore.Components;

namespace LicenseAdmin.Web.Components.Pages;

/// <summary>
/// Opening Active users on a view from a link (<c>/users?view=idle-blocked:{id}&amp;select=all</c>, from an idle spend
/// line): the view, named in the view list, and every user of it selected, so the bulk dialog reclaims them at once.
/// </summary>
public partial class ActiveUsersPage
{
    [Inject] private IdleSpendService IdleSpend { get; set; } = null!;

    /// <summary>The view to open with, as <see cref="UserViewKeys"/> names it.</summary>
    [SupplyParameterFromQuery(Name = "view")] public string? RequestedView { get; set; }

    /// <summary>"all" selects every user of the view (select-all-in-view, so a view of 5,000 users is one selection).</summary>
    [SupplyParameterFromQuery(Name = "select")] public string? RequestedSelection { get; set; }

    /// <summary>The filter of the idle view shown (null for the other views), being resolved while the page loads.</summary>
    private Task<UserFilter?> _idleFilter = Task.FromResult<UserFilter?>(null);

    /// <summary>The idle view the page was opened on, kept in the view list after switching away.</summary>
    private string? _idleViewKey;

    /// <summary>
    /// Takes the view and selection from the link before anything awaits, so the grid's first page is already the
    /// view's; its filter is resolved meanwhile and the grid waits for it (<see cref="CurrentFilterAsync"/>).
    /// </summary>
    private void OpenRequestedView()
    {
        if (string.IsNullOrWhiteSpace(RequestedView)) return;
        var key = RequestedView.Trim();
        var idle = UserViewKeys.TryParseIdle(key, out _, out _);
        if (!idle && !UserViewKeys.TryToFilter(key, null, out _)) return;
        _idleFilter = IdleFilterOfAsync(key);
        _viewKey = key;
        if (idle) _idleViewKey = key;
        _allInView = string.Equals(RequestedSelection, "all", StringComparison.Ordinal);
    }

    /// <summary>The filter of an idle view key (null for the other views, whose filter <see cref="UserViewKeys"/> gives).</summary>
    private async Task<UserFilter?> IdleFilterOfAsync(string key) =>
        UserViewKeys.TryParseIdle(key, out var category, out var productId)
            ? await IdleSpend.ViewAsync(await CurrentCaller.GetAsync(), category, productId, null, CancellationToken.None)
            : null;

    /// <summary>The view's filter with the search, once an idle view's filter is resolved.</summary>
    private async Task<UserFilter> CurrentFilterAsync()
    {
        await _idleFilter;
        return Filter;
    }

    private UserFilter? IdleFilter() =>
        _idleFilter is { IsCompletedSuccessfully: true, Result: { } idle } ? idle with { Search = string.IsNullOrWhiteSpace(_search) ? null : _search } : null;

    private string IdleViewName(string key)
    {
        UserViewKeys.TryParseIdle(key, out var category, out var productId);
        var product = _products.FirstOrDefault(p => p.Id == productId)?.DisplayName ?? productId.ToString();
        return category switch
        {
            IdleSpendCategory.BlockedSignIn => L["{0} held by users with blocked sign-in", product],
            IdleSpendCategory.Inactive => L["{0} held by users with no sign-in for {1} days", product, IdleSpend.InactiveDays],
            _ => L["{0} made redundant by another license", product],
        };
    }
}
