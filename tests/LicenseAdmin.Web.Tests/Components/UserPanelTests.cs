using Bunit;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Users;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LicenseAdmin.Web.Tests.Components;

public sealed class UserPanelTests : PortalComponentTestBase
{
    private async Task<IRenderedComponent<UserPanel>> RenderPanelAsync(Guid userId)
    {
        var caller = await Context.Services.GetRequiredService<CurrentCaller>().GetAsync();
        var products = await Context.Services.GetRequiredService<LicenseCatalogService>().SubscribedProductsAsync(caller, CancellationToken.None);
        Context.Render<MudPopoverProvider>();
        var panel = Context.Render<UserPanel>(p => p.Add(x => x.UserId, userId).Add(x => x.Products, products));
        panel.WaitForElement("#user-panel");
        return panel;
    }

    [Fact]
    public async Task SaveChanges_IsOffUntilSomethingChanges_ThenSavesExactlyThat()
    {
        await SignInAsAsync("admin@contoso.com");
        var panel = await RenderPanelAsync(await UnlicensedPersonAsync());
        Assert.True(panel.Find("#save-licenses").HasAttribute("disabled"));

        await panel.InvokeAsync(() => panel.Find("[data-product='ENTERPRISEPACK'] input[type=checkbox]").Change(true));
        panel.WaitForAssertion(() =>
        {
            Assert.False(panel.Find("#save-licenses").HasAttribute("disabled"));
            Assert.NotEmpty(panel.FindAll("[data-plan='MCOSTANDARD']"));
        });
        await panel.InvokeAsync(() => panel.Find("#save-licenses").Click());

        panel.WaitForAssertion(() =>
        {
            Assert.Equal("Licenses saved.", panel.Find("#panel-message").TextContent.Trim());
            Assert.True(panel.Find("#save-licenses").HasAttribute("disabled"));
        });
    }

    [Fact]
    public async Task TurningAProductOff_ShowsTheRemovalWarningBeforeSaving()
    {
        await SignInAsAsync("admin@contoso.com");
        var panel = await RenderPanelAsync((await Context.Services.GetRequiredService<CurrentCaller>().GetAsync()).UserId);
        Assert.Empty(panel.FindAll("#removal-warning"));

        await panel.InvokeAsync(() => panel.Find("[data-product='ENTERPRISEPACK'] input[type=checkbox]").Change(false));

        // The panel re-plans the choice with the service before it shows the warning.
        panel.WaitForAssertion(() =>
        {
            Assert.Contains("kept for 30 days", panel.Find("#removal-warning").TextContent);
            Assert.Equal("Remove and save changes", panel.Find("#save-licenses").TextContent.Trim());
        });
    }

    [Fact]
    public async Task TooFewSeats_ShowsTheServicesMessage_AndKeepsTheChoice()
    {
        await SignInAsAsync("admin@contoso.com");
        var licenses = Context.Services.GetRequiredService<LicenseService>();
        var caller = await Context.Services.GetRequiredService<CurrentCaller>().GetAsync();
        await licenses.AssignAsync(caller, await UnlicensedPersonAsync(1), Guid.Parse("c7df2760-2c81-4ef7-b578-5b5392b571df"), null, CancellationToken.None);
        var panel = await RenderPanelAsync(await UnlicensedPersonAsync(2));

        await panel.InvokeAsync(() => panel.Find("[data-product='ENTERPRISEPREMIUM'] input[type=checkbox]").Change(true));
        await panel.InvokeAsync(() => panel.Find("#save-licenses").Click());

        // Both in one wait: the message is rendered while the save is still busy, and the button comes back a render later.
        panel.WaitForAssertion(() =>
        {
            Assert.Equal("Nothing was changed. Office 365 E5: 1 seat needed, 0 available.", panel.Find("#panel-message").TextContent.Trim());
            Assert.False(panel.Find("#save-licenses").HasAttribute("disabled"));
        });
    }

    [Fact]
    public async Task InDanish_TooFewSeats_IsRefusedInDanish()
    {
        using var _ = CultureScope.Danish();
        await SignInAsAsync("admin@contoso.com");
        var licenses = Context.Services.GetRequiredService<LicenseService>();
        var caller = await Context.Services.GetRequiredService<CurrentCaller>().GetAsync();
        await licenses.AssignAsync(caller, await UnlicensedPersonAsync(1), Guid.Parse("c7df2760-2c81-4ef7-b578-5b5392b571df"), null, CancellationToken.None);
        var panel = await RenderPanelAsync(await UnlicensedPersonAsync(2));

        await panel.InvokeAsync(() => panel.Find("[data-product='ENTERPRISEPREMIUM'] input[type=checkbox]").Change(true));
        await panel.InvokeAsync(() => panel.Find("#save-licenses").Click());

        panel.WaitForAssertion(() => Assert.Equal("Intet blev ændret. Office 365 E5: Der kræves 1 licens, men der er 0 til rådighed.",
            panel.Find("#panel-message").TextContent.Trim()));
    }

    [Fact]
    public async Task ServiceAdministrator_SeesTheLicensesButCannotChangeThem()
    {
        await SignInAsAsync("serviceadmin@contoso.com");

        var panel = await RenderPanelAsync(await UnlicensedPersonAsync());

        Assert.Empty(panel.FindAll("#save-licenses"));
        Assert.True(panel.Find("[data-product='ENTERPRISEPACK'] input[type=checkbox]").HasAttribute("disabled"));
        Assert.Empty(panel.FindAll("#delete-user"));
    }

    [Fact]
    public async Task AGlobalAdminsOwnPanel_OffersNeitherDeleteNorPasswordOrMfaReset_AsTheServiceRefusesThem()
    {
        // A global admin's role allows both on anyone else; only the self-protection rule takes them away here.
        await SignInAsAsync("admin@contoso.com");
        var self = await Context.Services.GetRequiredService<CurrentCaller>().GetAsync();

        var own = await RenderPanelAsync(self.UserId);
        await OpenAccountTabAsync(own);

        Assert.NotEmpty(own.FindAll("#toggle-block"));
        Assert.Empty(own.FindAll("#delete-user"));
        Assert.Empty(own.FindAll("#reset-password"));
        Assert.Empty(own.FindAll("#reset-mfa"));
    }

    [Fact]
    public async Task AUserAdminOnAnotherUsersPanel_IsOfferedDeleteAndPasswordReset()
    {
        await SignInAsAsync("useradmin@contoso.com");

        var other = await RenderPanelAsync(await UnlicensedPersonAsync());
        await OpenAccountTabAsync(other);

        Assert.NotEmpty(other.FindAll("#delete-user"));
        Assert.NotEmpty(other.FindAll("#reset-password"));
    }

    [Fact]
    public async Task ResetMfa_IsOfferedToAGlobalAdminOnAnotherUser_AndResetsIt()
    {
        await SignInAsAsync("admin@contoso.com");
        Guid licenseAdmin;
        await using (var db = await Portal.Services.GetRequiredService<Infrastructure.Persistence.TenantDbContextFactory>()
                         .ForTenantAsync(Infrastructure.Persistence.Seeding.DemoDataSeeder.ContosoId, CancellationToken.None))
            licenseAdmin = db.DirectoryUsers.Single(u => u.UserPrincipalName == "licenseadmin@contoso.com").Id;

        var other = await RenderPanelAsync(licenseAdmin);
        await OpenAccountTabAsync(other);
        await other.InvokeAsync(() => other.Find("#reset-mfa").Click());

        other.WaitForAssertion(() => Assert.Equal(
            "MFA reset for licenseadmin@contoso.com: their authenticator app no longer works and their sessions end.",
            other.Find("#account-message").TextContent.Trim()));
    }

    [Fact]
    public async Task AUserAdmin_IsNotOfferedResetMfa()
    {
        await SignInAsAsync("useradmin@contoso.com");

        var other = await RenderPanelAsync(await UnlicensedPersonAsync());
        await OpenAccountTabAsync(other);

        Assert.NotEmpty(other.FindAll("#reset-password"));
        Assert.Empty(other.FindAll("#reset-mfa"));
    }

    private static async Task OpenAccountTabAsync(IRenderedComponent<UserPanel> panel)
    {
        // The panel may re-render while its data arrives (slower on a server database): find and click the tab in
        // one turn of the renderer, so the click never reaches a handler of an older render.
        await panel.InvokeAsync(() => panel.FindAll(".mud-tab").Single(t => t.TextContent.Trim() is "Account" or "Konto").Click());
        panel.WaitForElement("#account-actions");
    }
}
