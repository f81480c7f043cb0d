using Bunit;
using LicenseAdmin.Web.Tests.Components;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LicenseAdmin.Web.Tests.Localization;

public sealed class PortalMudLocalizerTests : ComponentTestBase
{
    private IRenderedComponent<MudDataGrid<int>> RenderGridWithPager() =>
        Context.Render<MudDataGrid<int>>(grid => grid
            .Add(g => g.Items, Enumerable.Range(1, 30).ToList())
            .Add(g => g.RowsPerPage, 10)
            .Add(g => g.PagerContent, (RenderFragment)(pager =>
            {
                pager.OpenComponent<MudDataGridPager<int>>(0);
                pager.CloseComponent();
            })));

    [Fact]
    public void InDanish_MudBlazorsPagerSpeaksDanish()
    {
        using var _ = CultureScope.Danish();
        var localizer = Context.Services.GetRequiredService<MudLocalizer>();

        Assert.Equal("Rækker pr. side:", localizer["MudDataGridPager_RowsPerPage"].Value);
        Assert.Equal("1-10 af 30", localizer["MudDataGridPager_InfoFormat", 1, 10, 30].Value);

        var grid = RenderGridWithPager();
        Assert.Contains("Rækker pr. side:", grid.Markup);
        Assert.Contains("1-10 af 30", grid.Markup);
    }

    [Fact]
    public void InEnglish_MudBlazorKeepsItsOwnTexts()
    {
        using var _ = CultureScope.English();
        var localizer = Context.Services.GetRequiredService<MudLocalizer>();

        Assert.True(localizer["MudDataGridPager_RowsPerPage"].ResourceNotFound);

        var grid = RenderGridWithPager();
        Assert.Contains("Rows per page:", grid.Markup);
        Assert.Contains("1-10 of 30", grid.Markup);
    }
}
