using Bunit;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users.Import;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Users;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>Opens the Add multiple users dialog as Active users does, for the dialog's tests.</summary>
internal static class AddMultipleUsersDialogs
{
    /// <summary>The dialog's import service comes from the portal, on the portal's database.</summary>
    public static void UseImportServiceOf(BunitContext context, PortalFactory portal) =>
        context.Services.AddSingleton(_ => portal.Services.CreateScope().ServiceProvider.GetRequiredService<UserImportService>());

    /// <summary>The dialog open for the signed-in admin, with the products their organisation subscribes to.</summary>
    public static async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(BunitContext context)
    {
        var caller = await context.Services.GetRequiredService<CurrentCaller>().GetAsync();
        var products = await context.Services.GetRequiredService<LicenseCatalogService>().SubscribedProductsAsync(caller, CancellationToken.None);
        context.Render<MudPopoverProvider>();
        var provider = context.Render<MudDialogProvider>();
        await provider.InvokeAsync(() => context.Services.GetRequiredService<IDialogService>()
            .ShowAsync<AddMultipleUsersDialog>("Add multiple users", new DialogParameters<AddMultipleUsersDialog> { { d => d.Products, products } }));
        provider.WaitForElement("#import-check");
        return provider;
    }
}
