using Bunit;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Web.Components.Users;

namespace LicenseAdmin.Web.Tests.Components;

public sealed class RestoreResultViewTests : ComponentTestBase
{
    private static readonly Guid E3 = Guid.NewGuid();
    private static readonly Guid E5 = Guid.NewGuid();

    private IRenderedComponent<RestoreResultView> Render(params RestoredUser[] users) =>
        Context.Render<RestoreResultView>(p => p.Add(v => v.Result, new UserRestoreResult(users)));

    [Fact]
    public void EachUser_IsListed_WithTheLicensesThatCameBack()
    {
        var view = Render(
            new RestoredUser(Guid.NewGuid(), "anna@contoso.com", [new AuditedLicense(E3, "Office 365 E3", [])], []),
            new RestoredUser(Guid.NewGuid(), "bo@contoso.com", [], []));

        Assert.Contains("2 users restored.", view.Markup);
        Assert.Contains("Licenses restored: Office 365 E3.", view.Find("li[data-user='anna@contoso.com']").TextContent);
        Assert.Contains("The user had no licenses to restore.", view.Find("li[data-user='bo@contoso.com']").TextContent);
        Assert.Contains("mud-alert-text-success", view.Markup);
    }

    [Fact]
    public void ALicenseWithoutAFreeSeat_IsNamedWithTheReason_AsAWarning()
    {
        var reason = new Violation(ViolationCode.CountViolation, new DomainMessage("CountViolation", "Office 365 E5: 1 seat needed, 0 available."), ProductId: E5);

        var view = Render(new RestoredUser(Guid.NewGuid(), "anna@contoso.com", [new AuditedLicense(E3, "Office 365 E3", [])], [reason]));

        var user = view.Find("li[data-user='anna@contoso.com']");
        Assert.Contains("Licenses restored: Office 365 E3.", user.TextContent);
        Assert.Contains("Not restored: Office 365 E5: 1 seat needed, 0 available.", user.TextContent);
        Assert.Contains("mud-alert-text-warning", view.Markup);
    }
}
