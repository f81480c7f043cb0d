using Bunit;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Groups;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Users;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LicenseAdmin.Web.Tests.Components;

/// <summary>The user panel's "Remove direct assignment" on a license that is both direct and inherited, on a real demo database.</summary>
public sealed class UserPanelDirectAndInheritedTests : PortalComponentTestBase
{
    private static readonly Guid E3 = Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900");

    /// <summary>A person holding E3 directly and from the group Sales; returns their id and username.</summary>
    private async Task<(Guid Person, string Upn)> DirectAndInheritedAsync()
    {
        await SignInAsAsync("admin@contoso.com");
        var admin = await Context.Services.GetRequiredService<CurrentCaller>().GetAsync();
        var person = await UnlicensedPersonAsync();
        await Portal.Services.GetRequiredService<LicenseService>().AssignAsync(admin, person, E3, null, CancellationToken.None);
        var groups = Portal.Services.GetRequiredService<GroupService>();
        var group = await groups.CreateAsync(admin, "Sales", null, CancellationToken.None);
        await groups.AddMembersAsync(admin, group, [person], CancellationToken.None);
        await groups.SetLicensesAsync(admin, group, [ProductLicense.AllPlansOn(E3)], CancellationToken.None);
        await ProcessAllAsync();
        await using var db = await Portal.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None);
        var upn = await db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.Id == person).Select(u => u.UserPrincipalName).SingleAsync();
        return (person, upn);
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

    private async Task<IRenderedComponent<UserPanel>> RenderPanelAsync(Guid person)
    {
        var caller = await Context.Services.GetRequiredService<CurrentCaller>().GetAsync();
        var products = await Context.Services.GetRequiredService<LicenseCatalogService>().SubscribedProductsAsync(caller, CancellationToken.None);
        Context.Render<MudPopoverProvider>();
        var panel = Context.Render<UserPanel>(p => p.Add(x => x.UserId, person).Add(x => x.Products, products));
        panel.WaitForElement(".remove-direct");
        return panel;
    }

    [Fact]
    public async Task RemovingTheDirectAssignment_KeepsTheInheritedLicense_AndSaysSo()
    {
        var (person, upn) = await DirectAndInheritedAsync();
        var panel = await RenderPanelAsync(person);
        Assert.Equal("Office 365 E3 Direct, and inherited from Sales Remove direct assignment",
            string.Join(" ", panel.Find(".license-source[data-product='Office 365 E3']").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

        await panel.InvokeAsync(() => panel.Find(".remove-direct").Click());

        panel.WaitForAssertion(() =>
        {
            Assert.Equal($"{upn}: Office 365 E3 stays: it is inherited from the group Sales.", panel.Find("#panel-message").TextContent.Trim());
            Assert.Equal("Office 365 E3 Inherited from Sales",
                string.Join(" ", panel.Find(".license-source[data-product='Office 365 E3']").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
            Assert.Empty(panel.FindAll(".remove-direct"));
        });
    }

    [Fact]
    public async Task RemovingTheDirectAssignment_SaysSoInDanish()
    {
        var (person, upn) = await DirectAndInheritedAsync();
        using var danish = CultureScope.Danish();
        var panel = await RenderPanelAsync(person);
        Assert.Equal("Fjern direkte tildeling", panel.Find(".remove-direct").TextContent.Trim());

        await panel.InvokeAsync(() => panel.Find(".remove-direct").Click());

        panel.WaitForAssertion(() => Assert.Equal(
            $"{upn}: Office 365 E3 bliver: den er nedarvet fra gruppen Sales.", panel.Find("#panel-message").TextContent.Trim()));
    }
}
