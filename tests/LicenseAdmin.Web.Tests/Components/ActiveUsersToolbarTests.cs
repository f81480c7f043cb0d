using Bunit;
using LicenseAdmin.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>The Active users toolbar: what each role is offered, and what needs a selection.</summary>
public sealed class ActiveUsersToolbarTests : PortalComponentTestBase
{
    private IRenderedComponent<ActiveUsersPage> RenderPage()
    {
        // In the circuit, as the page's load marker reads it.
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Context.Render<MudPopoverProvider>();
        Context.Render<MudDialogProvider>();
        var page = Context.Render<ActiveUsersPage>();
        page.WaitForAssertion(() => Assert.Contains("Adele Vance", page.Find("#users-grid").TextContent), TimeSpan.FromSeconds(10));
        // The load's count comes in the page's next render, which renders the rows' select boxes (and their handlers) again.
        page.WaitForAssertion(() => Assert.Matches(@"^[1-9]\d* users$", page.Find("#selection-summary").TextContent.Trim()), TimeSpan.FromSeconds(10));
        return page;
    }

    [Fact]
    public async Task LicenseAdministrator_GetsManageLicenses_OnlyOnceUsersAreSelected()
    {
        await SignInAsAsync("licenseadmin@contoso.com");
        var page = RenderPage();

        Assert.True(page.Find("#manage-licenses").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("#delete-users"));
        Assert.Empty(page.FindAll("#add-user"));

        await page.InvokeAsync(() => page.FindAll("#users-grid tbody tr input[type=checkbox]")[0].Change(true));

        page.WaitForAssertion(() => Assert.False(page.Find("#manage-licenses").HasAttribute("disabled")));
        Assert.Equal("1 selected", page.Find("#selection-summary").TextContent.Trim());
    }

    [Fact]
    public async Task UserAdministrator_GetsAddAndDelete()
    {
        await SignInAsAsync("useradmin@contoso.com");

        var page = RenderPage();

        Assert.NotEmpty(page.FindAll("#add-user"));
        Assert.NotEmpty(page.FindAll("#delete-users"));
        Assert.NotEmpty(page.FindAll("#manage-licenses"));
    }

    [Fact]
    public async Task BillingAdministrator_CanReadAndExport_ButNotChangeUsers()
    {
        await SignInAsAsync("billing@contoso.com");

        var page = RenderPage();

        Assert.Empty(page.FindAll("#manage-licenses"));
        Assert.Empty(page.FindAll("#delete-users"));
        Assert.Empty(page.FindAll("#add-user"));
        Assert.NotEmpty(page.FindAll("#export"));
    }

    [Fact]
    public async Task SelectingAWholePage_OffersTheWholeView()
    {
        await SignInAsAsync("admin@contoso.com");
        var page = RenderPage();

        await page.InvokeAsync(() => page.Find("#users-grid thead input[type=checkbox]").Change(true));

        page.WaitForAssertion(() => Assert.StartsWith("Select all", page.Find("#select-all-in-view").TextContent.Trim()));
        await page.InvokeAsync(() => page.Find("#select-all-in-view").Click());
        // The view's count is read from the database after the click; wait for the summary to show it.
        page.WaitForAssertion(() =>
        {
            Assert.StartsWith("All ", page.Find("#selection-summary").TextContent.Trim());
            Assert.EndsWith("users in this view are selected", page.Find("#selection-summary").TextContent.Trim());
        });
    }
}
