using Bunit;
using LicenseAdmin.Infrastructure.Services.Apps;
using LicenseAdmin.Web.Components.Pages;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.Pages;

public sealed class AppRegistrationsPageTests(PortalFixture portal) : PageTestBase(portal), IClassFixture<PortalFixture>
{
    private IRenderedComponent<AppRegistrationsPage> RenderPage()
    {
        Bunit.Services.AddTransient(_ => App.GetRequiredService<ApiAppService>());
        var page = Render<AppRegistrationsPage>();
        WaitForLoads(page, 1);
        return page;
    }

    // The page reloads its list after every change; the marker counts the loads, so a test knows the change is done
    // (on a server database the first load can still run when the test would otherwise click a disabled button).
    private static void WaitForLoads(IRenderedComponent<AppRegistrationsPage> page, int loads) =>
        page.WaitForAssertion(() => Assert.Equal(loads.ToString(), page.Find("#load-marker").GetAttribute("data-loads")));

    private static async Task ClickAsync(IRenderedComponent<AppRegistrationsPage> page, string selector) =>
        await page.InvokeAsync(() => page.Find(selector).Click());

    [Fact]
    public async Task GlobalAdmin_RegistersAnApp_AndSeesANewSecretOnce()
    {
        var admin = await SignInAsAsync("admin@contoso.com");
        var page = RenderPage();

        await page.InvokeAsync(() => page.Find("#new-app-name input").Input("Payroll sync"));
        await ClickAsync(page, "#register-app");
        WaitForLoads(page, 2);
        var app = (await App.GetRequiredService<ApiAppService>().ListAsync(admin, CancellationToken.None)).Single(a => a.DisplayName == "Payroll sync");
        page.WaitForAssertion(() => Assert.Contains(app.ClientId.ToString(), page.Find($"#app-{app.Id}").TextContent));
        await ClickAsync(page, $"#app-{app.Id} .add-secret");
        WaitForLoads(page, 3);

        page.WaitForAssertion(() => Assert.Equal(40, page.Find("#new-secret-value").TextContent.Length));
        var secret = page.Find("#new-secret-value").TextContent;
        Assert.Contains($"{secret[..3]}…", page.Find($"#app-{app.Id}").TextContent);
        await page.InvokeAsync(() => page.Find("#new-app-name input").Input("Another"));
        await ClickAsync(page, "#register-app");
        WaitForLoads(page, 4);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#new-secret-value")));
    }

    [Fact]
    public async Task AnEmptyName_IsRefused_WithTheServicesMessage_InDanish()
    {
        await SignInAsAsync("admin@contoso.com");
        using var danish = CultureScope.Danish();
        var page = RenderPage();

        await ClickAsync(page, "#register-app");
        WaitForLoads(page, 2);

        page.WaitForAssertion(() => Assert.Equal("Angiv et navn til appen.", page.Find("#apps-error").TextContent.Trim()));
    }

    [Fact]
    public async Task AChangeToAnAppAnotherAdminDeleted_IsRefusedWithTheReason_AndTheListIsReloaded()
    {
        var admin = await SignInAsAsync("admin@contoso.com");
        var apps = App.GetRequiredService<ApiAppService>();
        var app = await apps.RegisterAsync(admin, "Stale app", CancellationToken.None);
        var page = RenderPage();
        await apps.DeleteAsync(admin, app.Id, CancellationToken.None);

        await page.InvokeAsync(() => page.FindAll($"#app-{app.Id} button").Single(b => b.TextContent.Trim() == "Disable").Click());
        WaitForLoads(page, 2);

        page.WaitForAssertion(() => Assert.Equal("Stale app is deleted and cannot be changed.", page.Find("#apps-error").TextContent.Trim()));
        Assert.Empty(page.FindAll($"#app-{app.Id}"));
        Assert.False(page.Find("#register-app").HasAttribute("disabled"));
    }

    [Fact]
    public async Task EachPermission_SaysWhatItAllows_AndThePageLinksTheApiReference()
    {
        var admin = await SignInAsAsync("admin@contoso.com");
        await App.GetRequiredService<ApiAppService>().RegisterAsync(admin, "Reporting", CancellationToken.None);

        var page = RenderPage();

        Assert.Equal("LicenseAssignment.ReadWrite.All: assign and remove licenses, also in bulk with preview and undo",
            page.Find(".permission-LicenseAssignment-ReadWrite-All").TextContent.Trim());
        Assert.Contains("The API reference (OpenAPI) is at /openapi/v1.json.", page.Find("#api-reference").TextContent);
        Assert.Equal("/openapi/v1.json", page.Find("#api-reference a").GetAttribute("href"));
    }

    [Fact]
    public async Task EachPermission_SaysWhatItAllows_AndThePageLinksTheApiReference_InDanish()
    {
        var admin = await SignInAsAsync("admin@contoso.com");
        await App.GetRequiredService<ApiAppService>().RegisterAsync(admin, "Rapporter", CancellationToken.None);
        using var danish = CultureScope.Danish();

        var page = RenderPage();

        Assert.Equal("LicenseAssignment.ReadWrite.All: tildele og fjerne licenser, også samlet med forhåndsvisning og fortryd",
            page.Find(".permission-LicenseAssignment-ReadWrite-All").TextContent.Trim());
        Assert.Equal("AuditLog.Read.All: læse overvågningsloggen (directoryAudits)", page.Find(".permission-AuditLog-Read-All").TextContent.Trim());
        Assert.Contains("API-referencen (OpenAPI) findes på /openapi/v1.json.", page.Find("#api-reference").TextContent);
    }
}
