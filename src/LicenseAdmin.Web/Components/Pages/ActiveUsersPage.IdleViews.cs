using LicenseAdmin.Infrastructure.Services;
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

    private UserFilter? _idleFilter;

    /// <summary>The idle view the page was opened on, kept in the view list after switching away.</summary>
    private string? _idleViewKey;

    private async Task OpenRequestedViewAsync(Caller caller)
    {
        if (string.IsNullOrWhiteSpace(RequestedView)) return;
        var key = RequestedView.Trim();
        var idle = UserViewKeys.TryParseIdle(key, out _, out _);
        if (!idle && !UserViewKeys.TryToFilter(key, null, out _)) return;
        // The filter first, then the key: the grid may already be loading, and must never see an idle key without it.
        _idleFilter = await IdleFilterOfAsync(key, caller);
        _viewKey = key;
        if (idle) _idleViewKey = key;
        _allInView = string.Equals(RequestedSelection, "all", StringComparison.Ordinal);
        // The grid rendered while the page was still loading has the first view's page; show the requested one.
        if (_grid is not null) await _grid.ReloadServerData();
    }

    /// <summary>The filter of an idle view key (null for the other views, whose filter <see cref="UserViewKeys"/> gives).</summary>
    private async Task<UserFilter?> IdleFilterOfAsync(string key, Caller caller) =>
        UserViewKeys.TryParseIdle(key, out var category, out var productId)
            ? await IdleSpend.ViewAsync(caller, category, productId, null, CancellationToken.None)
            : null;

    private UserFilter? IdleFilter() =>
        _idleFilter is null ? null : _idleFilter with { Search = string.IsNullOrWhiteSpace(_search) ? null : _search };

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
