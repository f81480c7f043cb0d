using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Account;
using LicenseAdmin.Infrastructure.Services.Office;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace LicenseAdmin.Web.Components.Pages;

public partial class MyAccountPage
{
    [Inject] private MyAccountService MyAccount { get; set; } = null!;
    [Inject] private OfficeInstallationService Office { get; set; } = null!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = null!;

    private Caller? _caller;
    private MyAccount? _account;
    private string? _loadError;
    private string? _newDeviceName;
    private DevicePlatform _newPlatform = DevicePlatform.Pc;
    private ActionGuard _guard = null!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _caller = await CurrentCaller.GetAsync();
            await ReloadAsync();
        }
        catch (DomainException ex)
        {
            _loadError = Messages[ex];
        }
    }

    private async Task ReloadAsync() => _account = await MyAccount.GetAsync(_caller!, CancellationToken.None);

    private Task AddInstallationAsync() => ChangeOfficeAsync(async (caller, cancellationToken) =>
    {
        await Office.AddAsync(caller, _newDeviceName ?? string.Empty, _newPlatform, cancellationToken);
        _newDeviceName = null;
    });

    private Task RemoveInstallationAsync(OfficeInstallationView installation) =>
        ChangeOfficeAsync((caller, cancellationToken) => Office.RemoveAsync(caller, installation.Id, cancellationToken));

    // The service decides (5 devices, a license with Office apps); the guard shows its message as given.
    private Task ChangeOfficeAsync(Func<Caller, CancellationToken, Task> change) => _guard.RunAsync(async (caller, cancellationToken) =>
    {
        await change(caller, cancellationToken);
        await ReloadAsync();
    });

    private static string PlatformName(DevicePlatform platform) => platform == DevicePlatform.Mac ? "Mac" : "PC";
}
