using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Web.Exports;

namespace LicenseAdmin.Web.Tests.Exports;

/// <summary>The export links the pages give, and the view names they share with the export.</summary>
public sealed class ExportUrlsTests
{
    [Fact]
    public void ActiveUsersLink_NamesTheViewAndTheSearch_Escaped()
    {
        var product = Guid.Parse("3b555118-da6a-4418-894f-7df1e2096870");

        var url = ExportUrls.ActiveUsers(UserViewKeys.ForProduct(product), "anne & co");

        Assert.Equal("/users/export.csv?view=product%3A3b555118-da6a-4418-894f-7df1e2096870&search=anne%20%26%20co", url);
    }

    [Fact]
    public void ActiveUsersLink_WithoutASearch_LeavesTheSearchOut()
    {
        Assert.Equal("/users/export.csv?view=unlicensed", ExportUrls.ActiveUsers(UserViewKeys.Unlicensed, "  "));
    }

    [Fact]
    public void AuditLogLink_HasOnlyTheFiltersThatAreSet()
    {
        var url = ExportUrls.AuditLog(new AuditLogQuery { Action = "Update user", Outcome = AuditOutcome.Refused });

        Assert.Equal("/audit/export.csv?action=Update%20user&outcome=Refused", url);
    }

    [Theory]
    [InlineData(UserViewKeys.All, UserView.All)]
    [InlineData(UserViewKeys.Licensed, UserView.Licensed)]
    [InlineData(UserViewKeys.Unlicensed, UserView.Unlicensed)]
    [InlineData(UserViewKeys.SignInBlocked, UserView.SignInBlocked)]
    [InlineData(UserViewKeys.Admins, UserView.Admins)]
    [InlineData(UserViewKeys.ResourceMailboxes, UserView.ResourceMailboxes)]
    public void EachViewName_IsTheViewItSays(string key, UserView view)
    {
        Assert.True(UserViewKeys.TryToFilter(key, "megan", out var filter));
        Assert.Equal(new UserFilter(view, null, "megan"), filter);
    }

    [Fact]
    public void AProductViewName_IsTheHoldersOfThatProduct()
    {
        var product = Guid.NewGuid();

        Assert.True(UserViewKeys.TryToFilter(UserViewKeys.ForProduct(product), null, out var filter));
        Assert.Equal(new UserFilter(UserView.HoldsProduct, product, null), filter);
    }

    [Theory]
    [InlineData("everyone")]
    [InlineData("product:")]
    [InlineData("Licensed")]
    public void ANameOfNoView_IsNotUnderstood(string key)
    {
        Assert.False(UserViewKeys.TryToFilter(key, null, out _));
    }
}
