using Bunit;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Web.Components.Licenses;

namespace LicenseAdmin.Web.Tests.Components;

public sealed class LicenseConflictListTests : ComponentTestBase
{
    [Fact]
    public void AConflict_ShowsTheExcess_AndTheThreeFixes()
    {
        var conflict = new LicenseConflict(Guid.NewGuid(), "Office 365 E3", Total: 17, Assigned: 20);

        var view = Context.Render<LicenseConflictList>(p => p.Add(c => c.Conflicts, [conflict]));

        Assert.Contains("Office 365 E3 has 20 assigned but only 17 paid for (3 too many).", view.Markup);
        Assert.Equal(
            ["Buy 3 licenses of Office 365 E3.", "Unassign 3 licenses of Office 365 E3.", "Delete 3 users who hold Office 365 E3."],
            view.FindAll("li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public void NoConflicts_ShowNothing()
    {
        var view = Context.Render<LicenseConflictList>(p => p.Add(c => c.Conflicts, []));

        Assert.Empty(view.Markup.Trim());
    }
}
