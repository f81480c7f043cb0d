using Bunit;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Groups;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Groups;
using LicenseAdmin.Web.Components.Pages;
using LicenseAdmin.Web.Components.Users;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>The Groups page, the group panel and the user panel's inherited licenses, on a real demo database.</summary>
public sealed class GroupsPageTests : PortalComponentTestBase
{
    private static readonly Guid E3 = Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900");

    private GroupService Groups => Portal.Services.GetRequiredService<GroupService>();

    private IRenderedComponent<GroupsPage> RenderPage(Guid? groupId = null)
    {
        Context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Context.Render<MudPopoverProvider>();
        var page = Context.Render<GroupsPage>(p => p.Add(x => x.GroupId, groupId));
        page.WaitForAssertion(() => Assert.NotEqual("0", page.Find("#load-marker").GetAttribute("data-loads")));
        return page;
    }

    /// <summary>Runs the processor until nothing is queued (the portal's own background run may hold the lease a moment).</summary>
    private async Task ProcessAllAsync()
    {
        var processor = Portal.Services.GetRequiredService<GroupLicenseProcessor>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await processor.RunOnceAsync(CancellationToken.None);
            await using var db = await Portal.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
            if (!await db.GroupLicensingQueue.IgnoreQueryFilters().AnyAsync()) return;
            await Task.Delay(100);
        }
        Assert.Fail("The group licensing queue did not empty.");
    }

    [Fact]
    public async Task ALicenseAdmin_CreatesAGroup_AndSeesItListedWithItsPanelOpen()
    {
        await SignInAsAsync("licenseadmin@contoso.com");
        var page = RenderPage();

        await page.InvokeAsync(() => page.Find("#new-group-name input").Input("Sales"));
        await page.InvokeAsync(() => page.Find("#create-group").Click());

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Sales", page.Find(".group-name").TextContent);
            Assert.Equal("0", page.Find(".member-count").TextContent.Trim());
            Assert.Equal("Done", page.Find(".group-status").TextContent.Trim());
            Assert.Equal("Sales", page.Find("#group-panel-name").TextContent.Trim());
            Assert.Equal("No members yet.", page.Find("#no-members").TextContent.Trim());
        });
    }

    [Fact]
    public async Task ABadRule_IsRefusedWithItsPositionedMessage_InDanish()
    {
        await SignInAsAsync("admin@contoso.com");
        using var danish = CultureScope.Danish();
        var page = RenderPage();
        Assert.Contains("Grupper", page.Markup);

        await page.InvokeAsync(() => page.Find("#new-group-name input").Input("Aarhus"));
        await page.InvokeAsync(() => page.Find("#new-group-rule input").Input("user.city -eq \"Aarhus\""));
        await page.InvokeAsync(() => page.Find("#create-group").Click());

        page.WaitForAssertion(() => Assert.Equal(
            "Medlemsreglen er ugyldig ved position 1: 'user.city' er ikke en egenskab, en regel kan bruge (user.department, user.usageLocation, user.jobTitle, user.accountEnabled).",
            page.Find("#groups-error").TextContent.Trim()));
        Assert.EndsWith("Ingen grupper endnu.", page.Find("#groups-table").TextContent.Trim());
    }

    [Fact]
    public async Task ThePanel_AddsMembersAndAProduct_AndAfterProcessingTheMembersAreLicensed()
    {
        var admin = await SignInAsAsync2("licenseadmin@contoso.com");
        var group = await Groups.CreateAsync(admin, "Sales", null, CancellationToken.None);
        var first = await UpnOfAsync(await UnlicensedPersonAsync());
        var second = await UpnOfAsync(await UnlicensedPersonAsync(1));
        var page = RenderPage(group);
        page.WaitForElement("#group-panel");

        await page.InvokeAsync(() => page.Find("#add-member-names input").Input($"{first}, {second}"));
        await page.InvokeAsync(() => page.Find("#add-members").Click());
        page.WaitForAssertion(() => Assert.Equal("2 members added.", page.Find("#group-panel-message").TextContent.Trim()));

        await page.InvokeAsync(() => page.FindAll(".mud-tab")[1].Click());
        page.WaitForElement("[data-product='ENTERPRISEPACK'] input[type=checkbox]");
        await page.InvokeAsync(() => page.Find("[data-product='ENTERPRISEPACK'] input[type=checkbox]").Change(true));
        await page.InvokeAsync(() => page.Find("#save-group-licenses").Click());
        page.WaitForAssertion(() =>
        {
            Assert.Equal("Group licenses saved. Members get them in a moment.", page.Find("#group-panel-message").TextContent.Trim());
            // The portal's own background processor may already have started on it.
            Assert.Contains(page.Find("#group-panel-status").TextContent.Trim(), new[] { "Queued", "In progress", "Done" });
        });

        await ProcessAllAsync();
        await page.InvokeAsync(() => page.Find("#refresh-group").Click());

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Done", page.Find("#group-panel-status").TextContent.Trim());
            Assert.Equal("2", page.Find(".member-count").TextContent.Trim());
            Assert.Contains("Office 365 E3", page.Find("#groups-table").TextContent);
        });
    }

    [Fact]
    public async Task TheUserPanel_ShowsAnInheritedLicenseWithItsGroup_AndOffersNoSwitchForIt_InBothLanguages()
    {
        var admin = await SignInAsAsync2("admin@contoso.com");
        var person = await UnlicensedPersonAsync();
        var group = await Groups.CreateAsync(admin, "Sales", null, CancellationToken.None);
        await Groups.AddMembersAsync(admin, group, [person], CancellationToken.None);
        await Groups.SetLicensesAsync(admin, group, [ProductLicense.AllPlansOn(E3)], CancellationToken.None);
        await ProcessAllAsync();
        var products = await Context.Services.GetRequiredService<LicenseCatalogService>().SubscribedProductsAsync(admin, CancellationToken.None);
        Context.Render<MudPopoverProvider>();

        var panel = Context.Render<UserPanel>(p => p.Add(x => x.UserId, person).Add(x => x.Products, products));

        panel.WaitForAssertion(() =>
        {
            var source = panel.Find(".license-source[data-product='Office 365 E3']");
            Assert.Equal("Office 365 E3 Inherited from Sales", string.Join(" ", source.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
            Assert.Equal($"/groups/{group}", panel.Find(".inherited-group").GetAttribute("href"));
            Assert.Equal("Inherited licenses are changed or removed on their group, not here.", panel.Find("#inherited-note").TextContent.Trim());
            Assert.Empty(panel.FindAll("[data-product='ENTERPRISEPACK']"));
        });

        using var danish = CultureScope.Danish();
        var dansk = Context.Render<UserPanel>(p => p.Add(x => x.UserId, person).Add(x => x.Products, products));
        dansk.WaitForAssertion(() =>
        {
            Assert.Contains("Nedarvet fra", dansk.Find(".license-source").TextContent);
            Assert.Equal("Nedarvede licenser ændres eller fjernes på deres gruppe, ikke her.", dansk.Find("#inherited-note").TextContent.Trim());
        });
    }

    private async Task<Infrastructure.Services.Caller> SignInAsAsync2(string upn)
    {
        await SignInAsAsync(upn);
        return await Context.Services.GetRequiredService<CurrentCaller>().GetAsync();
    }

    private async Task<string> UpnOfAsync(Guid userId)
    {
        await using var db = await Portal.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        return await db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.Id == userId).Select(u => u.UserPrincipalName).SingleAsync();
    }
}
