using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Services.Apps;
using LicenseAdmin.Web.Authorization;
using Microsoft.AspNetCore.Components;

namespace LicenseAdmin.Web.Components.Pages;

/// <summary>
/// App registrations for the Graph-compatible API. The rules (Global administrators only, secret lifetimes, audit)
/// are the app service's; this page shows its answers, and a new secret exactly once.
/// </summary>
public partial class AppRegistrationsPage
{
    [Inject] private ApiAppService Apps { get; set; } = null!;
    [Inject] private CurrentCaller Caller { get; set; } = null!;

    private IReadOnlyList<ApiAppSummary> _apps = [];
    private string? _newName;
    private string? _secretDescription;
    private int _secretDays = 180;
    private string? _newSecret;
    private string? _error;
    private bool _busy;
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
        _ => string.Empty,
    };

    protected override Task OnInitializedAsync() => RunAsync(() => Task.CompletedTask);

    private Task RegisterAsync() => RunAsync(async () =>
    {
        await Apps.RegisterAsync(await Caller.GetAsync(), _newName ?? string.Empty, CancellationToken.None);
        _newName = null;
    });

    private Task GrantAsync(ApiAppSummary app, ApiPermissions permission, bool on) => RunAsync(async () =>
        await Apps.GrantAsync(await Caller.GetAsync(), app.Id, on ? app.Permissions | permission : app.Permissions & ~permission, CancellationToken.None));

    private Task AddSecretAsync(ApiAppSummary app) => RunAsync(async () =>
    {
        var secret = await Apps.AddSecretAsync(await Caller.GetAsync(), app.Id, _secretDescription ?? string.Empty, _secretDays, CancellationToken.None);
        _secretDescription = null;
        return secret.Text;
    });

    private Task RevokeAsync(ApiAppSummary app, ApiAppSecretSummary secret) => RunAsync(async () =>
        await Apps.RevokeSecretAsync(await Caller.GetAsync(), app.Id, secret.Id, CancellationToken.None));

    private Task SetDisabledAsync(ApiAppSummary app, bool disabled) => RunAsync(async () =>
        await Apps.SetDisabledAsync(await Caller.GetAsync(), app.Id, disabled, CancellationToken.None));

    private Task DeleteAsync(ApiAppSummary app) => RunAsync(async () =>
        await Apps.DeleteAsync(await Caller.GetAsync(), app.Id, CancellationToken.None));

    private Task RunAsync(Func<Task> change) => RunAsync(async () =>
    {
        await change();
        return (string?)null;
    });

    // One change at a time; the list is reloaded after it, and a new secret (the only result kept) shown until the next change.
    private async Task RunAsync(Func<Task<string?>> change)
    {
        _busy = true;
        _error = null;
        _newSecret = null;
        try
        {
            _newSecret = await change();
        }
        catch (DomainException refused)
        {
            _error = Messages[refused];
        }
        try
        {
            _apps = await Apps.ListAsync(await Caller.GetAsync(), CancellationToken.None);
        }
        catch (DomainException refused)
        {
            _error ??= Messages[refused];
        }
        _busy = false;
        _loads++;
    }
}
