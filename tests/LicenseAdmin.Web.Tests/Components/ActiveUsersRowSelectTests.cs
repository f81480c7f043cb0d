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
        // The load's count comes in the page's next render, which renders the rows (and their boxes' handlers) again.
        page.WaitForAssertion(() => Assert.Matches(@"^[1-9]\d* (users|brugere)$", Summary(page)), TimeSpan.FromSeconds(10));
        return page;
    }

    private static IElement Box(IRenderedComponent<ActiveUsersPage> page, string label) =>
        page.Find($"#users-grid tbody input[type=checkbox][aria-label='{label}']");

    private static string Summary(IRenderedComponent<ActiveUsersPage> page) => page.Find("#selection-summary").TextContent.Trim();

    /// <summary>
    /// Checks or clears a box found afresh, on the renderer's own thread: the grid renders its rows again after a selection
    /// and after its load (new handler ids), and such a render must not land between finding a box and changing it.
    /// </summary>
    private static Task SetAsync(IRenderedComponent<ActiveUsersPage> page, Func<IElement> box, bool value) =>
        page.InvokeAsync(() => box().Change(value));

    [Fact]
    public async Task CheckingARowsBox_SelectsThatUser_AndClickingItDoesNotOpenTheUser()
    {
        await SignInAsAsync("licenseadmin@contoso.com");
        var page = RenderPage();

        // The click stops at the box: the row's handler, which opens the user, does not receive it (bUnit reports
        // that no handler took the click).
        try { await page.InvokeAsync(() => Box(page, "Select Adele Vance").Click()); } catch (MissingEventHandlerException) { }
        await SetAsync(page, () => Box(page, "Select Adele Vance"), true);

        page.WaitForAssertion(() => Assert.Equal("1 selected", Summary(page)));
        page.WaitForAssertion(() => Assert.True(Box(page, "Select Adele Vance").HasAttribute("checked")));
        Assert.False(page.Find("#manage-licenses").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("#panel-name"));
    }

    [Fact]
    public async Task ClearingARowsBox_UnselectsThatUserOnly()
    {
        await SignInAsAsync("licenseadmin@contoso.com");
        var page = RenderPage();
        await SetAsync(page, () => Box(page, "Select Adele Vance"), true);
        page.WaitForAssertion(() => Assert.Equal("1 selected", Summary(page)));
        await SetAsync(page, () => Box(page, "Select Alex Wilber"), true);
        page.WaitForAssertion(() => Assert.Equal("2 selected", Summary(page)));

        await SetAsync(page, () => Box(page, "Select Adele Vance"), false);

        page.WaitForAssertion(() => Assert.Equal("1 selected", Summary(page)));
        page.WaitForAssertion(() => Assert.False(Box(page, "Select Adele Vance").HasAttribute("checked")));
        Assert.True(Box(page, "Select Alex Wilber").HasAttribute("checked"));
    }

    [Fact]
    public async Task CheckingASecondBox_AddsThatRowOnly_NotTheRowsBetween()
    {
        // As with MudBlazor's checkbox there is no range selection: a Shift+click is a click (the browser journey
        // ActiveUsersSelectionJourneyTests clicks with Shift held).
        await SignInAsAsync("licenseadmin@contoso.com");
        var page = RenderPage();
        // Found and changed inside the renderer's dispatcher, so no re-render of the grid can come between the two.
        await page.InvokeAsync(() => page.FindAll("#users-grid tbody input[type=checkbox]")[0].Change(true));
        page.WaitForAssertion(() => Assert.Equal("1 selected", Summary(page)));

        await page.InvokeAsync(() => page.FindAll("#users-grid tbody input[type=checkbox]")[3].Change(true));

        page.WaitForAssertion(() => Assert.Equal("2 selected", Summary(page)));
        page.WaitForAssertion(() => Assert.Equal([true, false, false, true],
            page.FindAll("#users-grid tbody input[type=checkbox]").Take(4).Select(b => b.HasAttribute("checked"))));
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
        await SetAsync(page, () => Box(page, rowLabel), true);
        page.WaitForAssertion(() => Assert.Equal(summary, Summary(page)));
    }

    [Fact]
    public async Task TheHeaderBox_SelectsEveryRowOnThePage_AndClearingOneRowMakesItPartial()
    {
        await SignInAsAsync("admin@contoso.com");
        var page = RenderPage();

        await SetAsync(page, () => page.Find("#users-grid thead input[type=checkbox]"), true);

        page.WaitForAssertion(() => Assert.Equal("50 selected", Summary(page)));
        page.WaitForAssertion(() => Assert.All(page.FindAll("#users-grid tbody input[type=checkbox]"), box => Assert.True(box.HasAttribute("checked"))));
        Assert.NotEmpty(page.FindAll("#select-all-in-view"));

        await SetAsync(page, () => Box(page, "Select Adele Vance"), false);

        page.WaitForAssertion(() => Assert.Equal("49 selected", Summary(page)));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#users-grid thead .mud-checkbox-null")));
        Assert.Empty(page.FindAll("#select-all-in-view"));
    }
}
