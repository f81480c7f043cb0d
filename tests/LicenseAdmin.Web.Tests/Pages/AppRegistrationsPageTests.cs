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
        return Render<AppRegistrationsPage>();
    }

    [Fact]
    public async Task GlobalAdmin_RegistersAnApp_AndSeesANewSecretOnce()
    {
        var admin = await SignInAsAsync("admin@contoso.com");
        var page = RenderPage();

        page.Find("#new-app-name input").Input("Payroll sync");
        page.Find("#register-app").Click();
        var app = (await App.GetRequiredService<ApiAppService>().ListAsync(admin, CancellationToken.None)).Single(a => a.DisplayName == "Payroll sync");
        page.WaitForAssertion(() => Assert.Contains(app.ClientId.ToString(), page.Find($"#app-{app.Id}").TextContent));
        page.Find($"#app-{app.Id} .add-secret").Click();

        page.WaitForAssertion(() => Assert.Equal(40, page.Find("#new-secret-value").TextContent.Length));
        var secret = page.Find("#new-secret-value").TextContent;
        Assert.Contains($"{secret[..3]}…", page.Find($"#app-{app.Id}").TextContent);
        page.Find("#new-app-name input").Input("Another");
        page.Find("#register-app").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#new-secret-value")));
    }

    [Fact]
    public async Task AnEmptyName_IsRefused_WithTheServicesMessage_InDanish()
    {
        await SignInAsAsync("admin@contoso.com");
        using var danish = CultureScope.Danish();
        var page = RenderPage();

        page.Find("#register-app").Click();

        page.WaitForAssertion(() => Assert.Equal("Angiv et navn til appen.", page.Find("#apps-error").TextContent.Trim()));
    }
}
