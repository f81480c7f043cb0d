using Bunit;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Spend;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Web.Components.Pages;
using LicenseAdmin.Web.Exports;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>
/// From a line of the idle spend section to Active users: the page opens on the line's view, named in the view list,
/// with every user of the view selected, as many as the line counts.
/// </summary>
public sealed class IdleSpendViewTests : PortalComponentTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Context.Services.AddSingleton(_ => Portal.Services.CreateScope().ServiceProvider.GetRequiredService<SubscriptionService>());
    }

    /// <summary>Signs in, then renders the providers the pages need (no service can be added after the first render).</summary>
    private async Task SignInAndRenderProvidersAsync(string upn)
    {
        await SignInAsAsync(upn);
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Context.Render<MudPopoverProvider>();
        Context.Render<MudDialogProvider>();
    }

    private async Task<IdleSpendReport> ReportAsync()
    {
        await using var db = await Portal.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        var admin = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.UserPrincipalName == "admin@contoso.com");
        return await Portal.Services.GetRequiredService<IdleSpendService>()
            .GetAsync(new Caller(DemoDataSeeder.ContosoId, admin.Id, admin.UserPrincipalName, admin.Roles), CancellationToken.None);
    }

    /// <summary>Follows the line's link as the browser would, and renders the page it leads to.</summary>
    private IRenderedComponent<ActiveUsersPage> Follow(string href)
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(href);
        return Context.Render<ActiveUsersPage>();
    }

    private IRenderedComponent<LicensesPage> RenderLicenses()
    {
        var page = Context.Render<LicensesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#idle-spend-table tr.idle-spend-line")), TimeSpan.FromSeconds(10));
        return page;
    }

    [Fact]
    public async Task EveryHeldLine_LinksToItsView_WithAllSelected_AndUnusedSeatsHaveNoSuchLink()
    {
        using var english = CultureScope.English();
        await SignInAndRenderProvidersAsync("admin@contoso.com");
        var report = await ReportAsync();

        var page = RenderLicenses();

        var rows = page.FindAll("#idle-spend-table tr.idle-spend-line");
        Assert.Equal(report.Lines.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var line = report.Lines[i];
            var link = rows[i].QuerySelector("a.open-users");
            if (line.Category == IdleSpendCategory.UnusedSeats)
            {
                Assert.Null(link);
                continue;
            }
            Assert.Equal("Select these users", link!.TextContent.Trim());
            Assert.Equal($"/users?view={Uri.EscapeDataString(UserViewKeys.ForIdle(line.Category, line.ProductId))}&select=all", link.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task ClickingALine_OpensItsView_WithAllItsUsersSelected_NamedInTheViewList()
    {
        using var english = CultureScope.English();
        await SignInAndRenderProvidersAsync("admin@contoso.com");
        var line = (await ReportAsync()).Lines.First(l => l.Category != IdleSpendCategory.UnusedSeats);
        var href = RenderLicenses().Find($"tr.idle-spend-line[data-product='{line.DisplayName}'][data-category='{line.Category}'] a.open-users").GetAttribute("href")!;

        var users = Follow(href);

        users.WaitForAssertion(() => Assert.Equal($"All {line.Licenses} users in this view are selected", users.Find("#selection-summary").TextContent.Trim()),
            TimeSpan.FromSeconds(10));
        users.WaitForAssertion(() => Assert.Equal(Math.Min(line.Licenses, 50),
            users.FindAll("#users-grid tbody tr").Count(r => r.QuerySelector("input[type=checkbox]") is not null)), TimeSpan.FromSeconds(10));
        Assert.False(users.Find("#manage-licenses").HasAttribute("disabled"));
        var days = Portal.Services.GetRequiredService<IdleSpendService>().InactiveDays;
        var name = line.Category switch
        {
            IdleSpendCategory.BlockedSignIn => $"{line.DisplayName} held by users with blocked sign-in",
            IdleSpendCategory.Inactive => $"{line.DisplayName} held by users with no sign-in for {days} days",
            _ => $"{line.DisplayName} made redundant by another license",
        };
        users.WaitForAssertion(() => Assert.Contains(name, users.Markup), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task TheViewIsNamedInDanish()
    {
        using var danish = CultureScope.Danish();
        await SignInAndRenderProvidersAsync("admin@contoso.com");
        var product = (await ReportAsync()).Lines.First().ProductId;
        var name = (await ReportAsync()).Lines.First().DisplayName;

        var users = Follow(UserViewKeys.PageLink(UserViewKeys.ForIdle(IdleSpendCategory.BlockedSignIn, product), selectAll: true));

        users.WaitForAssertion(() => Assert.Contains($"{name} hos brugere med blokeret log-ind", users.Markup), TimeSpan.FromSeconds(10));
    }
}
