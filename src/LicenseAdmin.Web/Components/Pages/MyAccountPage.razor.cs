using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Account;
using LicenseAdmin.Infrastructure.Services.Office;
using LicenseAdmin.Web.Authorization;
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
    private string? _officeError;
    private string? _newDeviceName;
    private DevicePlatform _newPlatform = DevicePlatform.Pc;
    private bool _busy;

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

    private Task AddInstallationAsync() => ChangeOfficeAsync(async () =>
    {
        await Office.AddAsync(_caller!, _newDeviceName ?? string.Empty, _newPlatform, CancellationToken.None);
        _newDeviceName = null;
    });

    private Task RemoveInstallationAsync(OfficeInstallationView installation) =>
        ChangeOfficeAsync(() => Office.RemoveAsync(_caller!, installation.Id, CancellationToken.None));

    // The service decides (5 devices, a license with Office apps); the page shows its message as given.
    private async Task ChangeOfficeAsync(Func<Task> change)
    {
        _busy = true;
        _officeError = null;
        try
        {
            await change();
            await ReloadAsync();
        }
        catch (DomainException ex)
        {
            _officeError = Messages[ex];
        }
        finally
        {
            _busy = false;
        }
    }

    private static string PlatformName(DevicePlatform platform) => platform == DevicePlatform.Mac ? "Mac" : "PC";
}
