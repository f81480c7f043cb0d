using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Groups;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LicenseAdmin.Web.Components.Pages;

/// <summary>
/// Groups and their licenses (docs/product-rules.md, "Groups"). Every rule is the group service's; the page lists its
/// answers and opens a group in the side panel.
/// </summary>
public partial class GroupsPage
{
    [Inject] private GroupService Groups { get; set; } = null!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = null!;

    /// <summary>Opens this group's panel at once (a link from a user's inherited license).</summary>
    [Parameter] public Guid? GroupId { get; set; }

    private ActionGuard _guard = null!;
    private IReadOnlyList<GroupSummary> _groups = [];
    private string? _newName;
    private string? _newRule;
    private bool _mayManage;
    private Guid? _openGroupId;
    private int _loads;

    protected override async Task OnInitializedAsync()
    {
        var caller = await CurrentCaller.GetAsync();
        _mayManage = RolePolicy.Allows(caller.Roles, Permission.AssignLicenses);
        _openGroupId = GroupId;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _groups = await Groups.ListAsync(await CurrentCaller.GetAsync(), CancellationToken.None);
        _loads++;
    }

    private async Task CreateAsync()
    {
        Guid created = default;
        var done = await _guard.RunAsync(async (caller, cancellationToken) =>
            created = await Groups.CreateAsync(caller, _newName ?? string.Empty, string.IsNullOrWhiteSpace(_newRule) ? null : _newRule, cancellationToken));
        if (!done) return;
        _newName = null;
        _newRule = null;
        await LoadAsync();
        _openGroupId = created;
    }

    private void OpenGroup(TableRowClickEventArgs<GroupSummary> click) => _openGroupId = click.Item?.Id;

    private void OnPanelOpenChanged(bool open)
    {
        if (!open) _openGroupId = null;
    }

    private void ClosePanel() => _openGroupId = null;

    private Task ReloadAsync() => LoadAsync();
}
