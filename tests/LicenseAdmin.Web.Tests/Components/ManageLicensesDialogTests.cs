using Bunit;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Users;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LicenseAdmin.Web.Tests.Components;

public sealed class ManageLicensesDialogTests : PortalComponentTestBase
{
    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(params Guid[] userIds)
    {
        var caller = await Context.Services.GetRequiredService<CurrentCaller>().GetAsync();
        var products = await Context.Services.GetRequiredService<LicenseCatalogService>().SubscribedProductsAsync(caller, CancellationToken.None);
        Context.Render<MudPopoverProvider>();
        var provider = Context.Render<MudDialogProvider>();
        var parameters = new DialogParameters<ManageLicensesDialog>
        {
            { d => d.Selection, UserSelection.Of(userIds) },
            { d => d.SelectedCount, userIds.Length },
            { d => d.Products, products },
        };
        await provider.InvokeAsync(() => Context.Services.GetRequiredService<IDialogService>().ShowAsync<ManageLicensesDialog>("Manage product licenses", parameters));
        provider.WaitForElement("#preview");
        return provider;
    }

    [Fact]
    public async Task Confirm_IsOffUntilAValidPreview_AndAnyChoiceMakesThePreviewStale()
    {
        await SignInAsAsync("admin@contoso.com");
        var dialog = await OpenAsync(await UnlicensedPersonAsync(), await UnlicensedPersonAsync(1));
        Assert.True(dialog.Find("#confirm").HasAttribute("disabled"));

        await dialog.InvokeAsync(() => dialog.Find("[data-product='ENTERPRISEPACK'] input[type=checkbox]").Change(true));
        await dialog.InvokeAsync(() => dialog.Find("#preview").Click());
        dialog.WaitForAssertion(() => Assert.False(dialog.Find("#confirm").HasAttribute("disabled")));
        Assert.Contains("Users: 2 change, 0 unchanged", dialog.Find("#license-preview").TextContent);

        await dialog.InvokeAsync(() => dialog.Find("[data-product='OFFICESUBSCRIPTION'] input[type=checkbox]").Change(true));
        dialog.WaitForAssertion(() =>
        {
            Assert.True(dialog.Find("#confirm").HasAttribute("disabled"));
            Assert.Empty(dialog.FindAll("#license-preview"));
        });
    }

    [Fact]
    public async Task Confirm_AppliesAndOffersUndo_ThenUndoRestores()
    {
        await SignInAsAsync("licenseadmin@contoso.com");
        var dialog = await OpenAsync(await UnlicensedPersonAsync(), await UnlicensedPersonAsync(1), await UnlicensedPersonAsync(2));
        await dialog.InvokeAsync(() => dialog.Find("[data-product='ENTERPRISEPACK'] input[type=checkbox]").Change(true));
        await dialog.InvokeAsync(() => dialog.Find("#preview").Click());
        dialog.WaitForAssertion(() => Assert.False(dialog.Find("#confirm").HasAttribute("disabled")));

        // Find and click in one renderer turn: the dialog may still be re-rendering after the wait (slower on a server database).
        await dialog.InvokeAsync(() => dialog.Find("#confirm").Click());

        dialog.WaitForAssertion(() => Assert.Equal("Licenses changed for 3 users.", dialog.Find("#dialog-result").TextContent.Trim()));
        await dialog.InvokeAsync(() => dialog.Find("#undo").Click());
        dialog.WaitForAssertion(() => Assert.Equal("Undone: 3 users have their previous licenses again.", dialog.Find("#dialog-result").TextContent.Trim()));
        Assert.Empty(dialog.FindAll("#undo"));
    }

    [Fact]
    public async Task ConflictingPlans_ArePreviewedWithTheRule_AndNothingIsApplied()
    {
        await SignInAsAsync("admin@contoso.com");
        var dialog = await OpenAsync(await UnlicensedPersonAsync());
        await dialog.InvokeAsync(() => dialog.Find("[data-product='ENTERPRISEPACK'] input[type=checkbox]").Change(true));
        await dialog.InvokeAsync(() => dialog.Find("[data-product='O365_BUSINESS_ESSENTIALS'] input[type=checkbox]").Change(true));

        await dialog.InvokeAsync(() => dialog.Find("#preview").Click());

        dialog.WaitForAssertion(() => Assert.Contains("MutuallyExclusiveViolation", dialog.Find("#preview-problems").TextContent));
        Assert.Contains("cannot be enabled together", dialog.Find("#preview-problems").TextContent);
        Assert.Equal("This change cannot be applied as it is. Nothing was changed; see the problems below.", dialog.Find("#dialog-error").TextContent.Trim());
        Assert.True(dialog.Find("#confirm").HasAttribute("disabled"));
    }

    [Fact]
    public async Task InDanish_TooFewSeats_IsPreviewedInDanish_WithTheNumbers()
    {
        using var _ = CultureScope.Danish();
        await SignInAsAsync("admin@contoso.com");
        var dialog = await OpenAsync(await UnlicensedPersonAsync(), await UnlicensedPersonAsync(1), await UnlicensedPersonAsync(2));
        await dialog.InvokeAsync(() => dialog.Find("[data-product='ENTERPRISEPREMIUM'] input[type=checkbox]").Change(true));

        await dialog.InvokeAsync(() => dialog.Find("#preview").Click());

        dialog.WaitForAssertion(() => Assert.Equal("CountViolation: Office 365 E5: Der kræves 3 licenser, men der er 1 til rådighed.",
            dialog.Find("#preview-problems li").TextContent.Trim()));
        Assert.Contains("Problemer (1)", dialog.Find("#license-preview").TextContent);
        Assert.True(dialog.Find("#confirm").HasAttribute("disabled"));
    }

    [Fact]
    public async Task ReplaceMode_OffersRemoveAll_AndWarnsAboutRemoval()
    {
        await SignInAsAsync("admin@contoso.com");
        var dialog = await OpenAsync(await UnlicensedPersonAsync());
        Assert.Empty(dialog.FindAll("#remove-all"));

        await dialog.InvokeAsync(() => dialog.Find("input#mode-replace").Click());
        dialog.WaitForAssertion(() => Assert.NotEmpty(dialog.FindAll("#removal-warning")));
        Assert.Contains("Remove all product licenses from the selected users", dialog.Markup);
    }

    [Fact]
    public async Task AUserDeletedByAnotherAdminAfterThePreview_StopsTheConfirmWithTheReason()
    {
        await SignInAsAsync("admin@contoso.com");
        var gone = await UnlicensedPersonAsync(1);
        var dialog = await OpenAsync(await UnlicensedPersonAsync(), gone);
        await dialog.InvokeAsync(() => dialog.Find("[data-product='ENTERPRISEPACK'] input[type=checkbox]").Change(true));
        await dialog.InvokeAsync(() => dialog.Find("#preview").Click());
        dialog.WaitForAssertion(() => Assert.False(dialog.Find("#confirm").HasAttribute("disabled")));
        var caller = await Context.Services.GetRequiredService<CurrentCaller>().GetAsync();
        await Context.Services.GetRequiredService<UserService>().DeleteAsync(caller, UserSelection.Of([gone]), CancellationToken.None);

        await dialog.InvokeAsync(() => dialog.Find("#confirm").Click());

        dialog.WaitForAssertion(() => Assert.EndsWith("is deleted. Restore the user before changing licenses.", dialog.Find("#dialog-error").TextContent.Trim()));
        Assert.StartsWith("Nothing was changed.", dialog.Find("#dialog-error").TextContent.Trim());
        Assert.Empty(dialog.FindAll("#dialog-result"));
    }
}
