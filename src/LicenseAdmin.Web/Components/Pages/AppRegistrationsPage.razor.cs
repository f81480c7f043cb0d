using System.Runtime.ExceptionServices;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Apps;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace LicenseAdmin.Web.Components.Pages;

/// <summary>
/// App registrations for the Graph-compatible API. The rules (Global administrators only, secret lifetimes, audit)
/// are the app service's; this page shows its answers, and a new secret exactly once. Changes run through the
/// page's <see cref="ActionGuard"/> (one at a time, refusals as the service words them, cancelled when the page goes).
/// </summary>
public partial class AppRegistrationsPage
{
    [Inject] private ApiAppService Apps { get; set; } = null!;
    [Inject] private CurrentCaller Caller { get; set; } = null!;

    private ActionGuard _guard = null!;
    private IReadOnlyList<ApiAppSummary> _apps = [];
    private string? _newName;
    private string? _secretDescription;
    private int _secretDays = 180;
    private string? _newSecret;
    private string? _loadError;
    private int _loads;

    /// <summary>What a permission lets an app do, in the reader's language (the design page's table).</summary>
    private string Allows(ApiPermissions permission) => permission switch
    {
        ApiPermissions.OrganizationReadAll => L["read products and seats (subscribedSkus)"],
        ApiPermissions.UserReadAll => L["read users, their licenses and deleted users"],
        ApiPermissions.UserReadWriteAll => L["read, add, change, delete and restore users"],
        ApiPermissions.DirectoryReadAll => L["read users and products"],
        ApiPermissions.LicenseAssignmentReadWriteAll => L["assign and remove licenses, also in bulk with preview and undo"],
        ApiPermissions.AuditLogReadAll => L["read the audit log (directoryAudits)"],
        ApiPermissions.GroupReadAll => L["read groups, their members and their licenses"],
        ApiPermissions.GroupReadWriteAll => L["add and delete groups, change their members and their licenses"],
        ApiPermissions.GroupMemberReadWriteAll => L["read groups and add or remove their members"],
        _ => string.Empty,
    };

    protected override async Task OnInitializedAsync()
    {
        try
        {
            await ReloadAsync(await Caller.GetAsync(), CancellationToken.None);
        }
        catch (DomainException refused)
        {
            _loadError = Messages[refused];
            _loads++;
        }
    }

    private Task RegisterAsync() => ChangeAsync(async (caller, cancellationToken) =>
    {
        await Apps.RegisterAsync(caller, _newName ?? string.Empty, cancellationToken);
        _newName = null;
    });

    private Task GrantAsync(ApiAppSummary app, ApiPermissions permission, bool on) => ChangeAsync((caller, cancellationToken) =>
        Apps.GrantAsync(caller, app.Id, on ? app.Permissions | permission : app.Permissions & ~permission, cancellationToken));

    private Task AddSecretAsync(ApiAppSummary app) => ChangeAsync(async (caller, cancellationToken) =>
    {
        var secret = await Apps.AddSecretAsync(caller, app.Id, _secretDescription ?? string.Empty, _secretDays, cancellationToken);
        _secretDescription = null;
        return secret.Text;
    });

    private Task RevokeAsync(ApiAppSummary app, ApiAppSecretSummary secret) => ChangeAsync((caller, cancellationToken) =>
        Apps.RevokeSecretAsync(caller, app.Id, secret.Id, cancellationToken));

    private Task SetDisabledAsync(ApiAppSummary app, bool disabled) => ChangeAsync((caller, cancellationToken) =>
        Apps.SetDisabledAsync(caller, app.Id, disabled, cancellationToken));

    private Task DeleteAsync(ApiAppSummary app) => ChangeAsync((caller, cancellationToken) =>
        Apps.DeleteAsync(caller, app.Id, cancellationToken));

    private Task ChangeAsync(Func<Caller, CancellationToken, Task> change) => ChangeAsync(async (caller, cancellationToken) =>
    {
        await change(caller, cancellationToken);
        return (string?)null;
    });

    /// <summary>
    /// Runs one change in the guard, then reloads the list, also after a refusal (another admin may have changed it).
    /// A new secret, the only result kept, is shown until the next change.
    /// </summary>
    private Task ChangeAsync(Func<Caller, CancellationToken, Task<string?>> change) => _guard.RunAsync(async (caller, cancellationToken) =>
    {
        _newSecret = null;
        DomainException? refused = null;
        try
        {
            _newSecret = await change(caller, cancellationToken);
        }
        catch (DomainException refusal)
        {
            refused = refusal;
        }
        await ReloadAsync(caller, cancellationToken);
        if (refused is not null) ExceptionDispatchInfo.Throw(refused);
    });

    private async Task ReloadAsync(Caller caller, CancellationToken cancellationToken)
    {
        _apps = await Apps.ListAsync(caller, cancellationToken);
        _loads++;
    }
}
