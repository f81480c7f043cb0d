using AngleSharp.Dom;
using Bunit;
using LicenseAdmin.Web.Components.Pages;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>
/// The select box of each Active users row (our own light box, decision 0019): it selects and clears as MudBlazor's
/// checkbox did (Space, the browser's own key, in ActiveUsersSelectionJourneyTests), names its user in English and Danish, and works with the page's select-all box.
/// </summary>
public sealed class ActiveUsersRowSelectTests : PortalComponentTestBase
{
    private IRenderedComponent<ActiveUsersPage> RenderPage()
    {
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Context.Render<MudPopoverProvider>();
        Context.Render<MudDialogProvider>();
        var page = Context.Render<ActiveUsersPage>();
        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("#users-grid tbody tr").Count), TimeSpan.FromSeconds(10));
        return page;
    }

    private static IElement Box(IRenderedComponent<ActiveUsersPage> page, string label) =>
        page.Find($"#users-grid tbody input[type=checkbox][aria-label='{label}']");

    private static string Summary(IRenderedComponent<ActiveUsersPage> page) => page.Find("#selection-summary").TextContent.Trim();

    [Fact]
    public async Task CheckingARowsBox_SelectsThatUser_AndClickingItDoesNotOpenTheUser()
    {
        await SignInAsAsync("licenseadmin@contoso.com");
        var page = RenderPage();

        // The click stops at the box: no handler above it (the row's, which opens the user) receives it.
        Assert.Throws<MissingEventHandlerException>(() => Box(page, "Select Adele Vance").Click());
        Box(page, "Select Adele Vance").Change(true);

        page.WaitForAssertion(() => Assert.Equal("1 selected", Summary(page)));
        Assert.True(Box(page, "Select Adele Vance").HasAttribute("checked"));
        Assert.False(page.Find("#manage-licenses").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("#panel-name"));
    }

    [Fact]
    public async Task ClearingARowsBox_UnselectsThatUserOnly()
    {
        await SignInAsAsync("licenseadmin@contoso.com");
        var page = RenderPage();
        Box(page, "Select Adele Vance").Change(true);
        Box(page, "Select Alex Wilber").Change(true);
        page.WaitForAssertion(() => Assert.Equal("2 selected", Summary(page)));

        Box(page, "Select Adele Vance").Change(false);

        page.WaitForAssertion(() => Assert.Equal("1 selected", Summary(page)));
        Assert.False(Box(page, "Select Adele Vance").HasAttribute("checked"));
        Assert.True(Box(page, "Select Alex Wilber").HasAttribute("checked"));
    }

    [Fact]
    public async Task CheckingASecondBox_AddsThatRowOnly_NotTheRowsBetween()
    {
        // As with MudBlazor's checkbox there is no range selection: a Shift+click is a click (the browser journey
        // ActiveUsersSelectionJourneyTests clicks with Shift held).
        await SignInAsAsync("licenseadmin@contoso.com");
        var page = RenderPage();
        page.FindAll("#users-grid tbody input[type=checkbox]")[0].Change(true);

        page.FindAll("#users-grid tbody input[type=checkbox]")[3].Change(true);

        page.WaitForAssertion(() => Assert.Equal("2 selected", Summary(page)));
        var after = page.FindAll("#users-grid tbody input[type=checkbox]");
        Assert.Equal([true, false, false, true], after.Take(4).Select(b => b.HasAttribute("checked")));
    }

    [Theory]
    [InlineData("en", "Select Adele Vance", "Select every user on this page", "1 selected")]
    [InlineData("da", "Vælg Adele Vance", "Vælg alle brugere på denne side", "1 valgt")]
    public async Task EachBox_NamesItsUser_InThePagesLanguage(string language, string rowLabel, string headerLabel, string summary)
    {
        using var culture = language == "da" ? CultureScope.Danish() : CultureScope.English();
        await SignInAsAsync("licenseadmin@contoso.com");
        var page = RenderPage();

        Assert.Equal(50, page.FindAll("#users-grid tbody input[type=checkbox][aria-label]").Count);
        Assert.Equal(headerLabel, page.Find("#users-grid thead input[type=checkbox]").GetAttribute("aria-label"));
        Box(page, rowLabel).Change(true);
        page.WaitForAssertion(() => Assert.Equal(summary, Summary(page)));
    }

    [Fact]
    public async Task TheHeaderBox_SelectsEveryRowOnThePage_AndClearingOneRowMakesItPartial()
    {
        await SignInAsAsync("admin@contoso.com");
        var page = RenderPage();

        page.Find("#users-grid thead input[type=checkbox]").Change(true);

        page.WaitForAssertion(() => Assert.Equal("50 selected", Summary(page)));
        Assert.All(page.FindAll("#users-grid tbody input[type=checkbox]"), box => Assert.True(box.HasAttribute("checked")));
        Assert.NotEmpty(page.FindAll("#select-all-in-view"));

        Box(page, "Select Adele Vance").Change(false);

        page.WaitForAssertion(() => Assert.Equal("49 selected", Summary(page)));
        Assert.NotEmpty(page.FindAll("#users-grid thead .mud-checkbox-null"));
        Assert.Empty(page.FindAll("#select-all-in-view"));
    }
}
