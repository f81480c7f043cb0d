using Bunit;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Spend;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Web.Components.Licenses;
using LicenseAdmin.Web.Components.Pages;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>The Idle spend section of the Licenses page, on a real demo database: figures as the spend service reports them.</summary>
public sealed class LicensesPageIdleSpendTests : PortalComponentTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var type in new[] { typeof(SubscriptionService), typeof(IdleSpendService) })
        {
            var shared = type;
            Context.Services.AddSingleton(shared, _ => Portal.Services.CreateScope().ServiceProvider.GetRequiredService(shared));
        }
    }

    private IRenderedComponent<LicensesPage> RenderPage()
    {
        Context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Context.Render<MudPopoverProvider>();
        var page = Context.Render<LicensesPage>();
        page.WaitForAssertion(() => Assert.NotEqual("0", page.Find("#load-marker").GetAttribute("data-loads")));
        return page;
    }

    private async Task<IdleSpendReport> ReportForAsync(string upn)
    {
        await using var db = await Portal.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        var user = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.UserPrincipalName == upn);
        return await Portal.Services.GetRequiredService<IdleSpendService>()
            .GetAsync(new Caller(DemoDataSeeder.ContosoId, user.Id, user.UserPrincipalName, user.Roles), CancellationToken.None);
    }

    private static void AssertLinesMatch(IRenderedComponent<LicensesPage> page, IdleSpendReport report, IReadOnlyDictionary<IdleSpendCategory, string> names)
    {
        var rows = page.FindAll("#idle-spend-table tbody tr.idle-spend-line");
        Assert.NotEmpty(report.Lines);
        Assert.Equal(report.Lines.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var line = report.Lines[i];
            Assert.Equal(names[line.Category], rows[i].QuerySelector(".category")!.TextContent.Trim());
            Assert.Equal(line.DisplayName, rows[i].QuerySelector(".product")!.TextContent.Trim());
            Assert.Equal(line.Licenses.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[i].QuerySelector(".licenses")!.TextContent.Trim());
            Assert.Equal(Money.Format(line.MonthlyCost.Amount, line.MonthlyCost.Currency), rows[i].QuerySelector(".cost")!.TextContent.Trim());
        }
        Assert.Equal(Money.Format(report.Totals), page.Find("#idle-spend-total .cost").TextContent.Trim());
    }

    [Fact]
    public async Task AGlobalAdmin_SeesALinePerProductAndCategory_WithItsCostAndTheTotal_InEnglish()
    {
        using var english = CultureScope.English();
        await SignInAsAsync("admin@contoso.com");
        var report = await ReportForAsync("admin@contoso.com");
        var days = Portal.Services.GetRequiredService<IdleSpendService>().InactiveDays;

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("Idle spend", page.Find("#idle-spend-title").TextContent.Trim()));
        Assert.Empty(page.FindAll("#idle-spend-error").Select(e => e.TextContent));
        Assert.Equal("Total idle spend per month", page.Find("#idle-spend-total .label").TextContent.Trim());
        AssertLinesMatch(page, report, new Dictionary<IdleSpendCategory, string>
        {
            [IdleSpendCategory.UnusedSeats] = "Unused seats", [IdleSpendCategory.BlockedSignIn] = "Blocked sign-in",
            [IdleSpendCategory.Inactive] = $"No sign-in for {days} days", [IdleSpendCategory.Redundant] = "Redundant licenses",
        });
        var unused = report.Lines.Count(l => l.Category == IdleSpendCategory.UnusedSeats);
        Assert.Equal(unused, page.FindAll("a.reduce-seats").Count);
        Assert.All(page.FindAll("a.reduce-seats"), a => Assert.Equal("/billing", a.GetAttribute("href")));
    }

    [Fact]
    public async Task ABillingAdmin_SeesTheSection_InDanish_WithReduceSeatsNextToUnusedSeats()
    {
        using var danish = CultureScope.Danish();
        await SignInAsAsync("billing@contoso.com");
        var report = await ReportForAsync("billing@contoso.com");
        var days = Portal.Services.GetRequiredService<IdleSpendService>().InactiveDays;

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("Ubrugt forbrug", page.Find("#idle-spend-title").TextContent.Trim()));
        Assert.Equal("Ubrugt forbrug i alt pr. måned", page.Find("#idle-spend-total .label").TextContent.Trim());
        AssertLinesMatch(page, report, new Dictionary<IdleSpendCategory, string>
        {
            [IdleSpendCategory.UnusedSeats] = "Ubrugte pladser", [IdleSpendCategory.BlockedSignIn] = "Blokeret log-ind",
            [IdleSpendCategory.Inactive] = $"Intet log-ind i {days} dage", [IdleSpendCategory.Redundant] = "Overflødige licenser",
        });
        foreach (var row in page.FindAll("#idle-spend-table tbody tr.idle-spend-line"))
        {
            var link = row.QuerySelector("a.reduce-seats");
            Assert.Equal(row.GetAttribute("data-category") == nameof(IdleSpendCategory.UnusedSeats), link is not null);
            if (link is not null) Assert.Equal("Reducer antal pladser", link.TextContent.Trim());
        }
    }

    [Fact]
    public async Task ALicenseAdmin_DoesNotSeeTheSection()
    {
        using var english = CultureScope.English();
        await SignInAsAsync("licenseadmin@contoso.com");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#products-table tbody tr")));
        Assert.Empty(page.FindAll("#idle-spend-title"));
        Assert.Empty(page.FindAll("#idle-spend-table"));
        Assert.DoesNotContain("Idle spend", page.Markup);
    }
}
