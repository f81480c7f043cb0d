using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Users;

namespace LicenseAdmin.Domain.Tests.Users;

public class DirectoryUserTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static DirectoryUser Create(string upn = "anna@contoso.com", UserKind kind = UserKind.User) =>
        new(Guid.NewGuid(), Guid.NewGuid(), upn, "Anna Berg", kind, Now);

    [Fact]
    public void Constructor_NormalizesTheUpnToTrimmedLowerCase()
    {
        Assert.Equal("anna.berg@contoso.com", Create("  Anna.Berg@Contoso.COM ").UserPrincipalName);
    }

    [Theory]
    [InlineData("anna")]
    [InlineData("anna@contoso")]
    [InlineData("anna berg@contoso.com")]
    [InlineData("")]
    public void Constructor_WithInvalidUpn_SaysWhatAValidOneLooksLike(string upn)
    {
        var error = Assert.Throws<DomainException>(() => Create(upn));

        Assert.Equal("InvalidUserPrincipalName", error.Code);
        Assert.Equal($"'{upn}' is not a valid username: use the form name@domain, e.g. anna@contoso.com.", error.Message);
    }

    [Fact]
    public void SetUsageLocation_NormalizesToUpperCase()
    {
        var user = Create();

        user.SetUsageLocation(" dk ");

        Assert.Equal("DK", user.UsageLocation);
    }

    [Theory]
    [InlineData("DNK")]
    [InlineData("D1")]
    [InlineData("Denmark")]
    public void SetUsageLocation_WithoutTwoLetters_SaysWhatACountryCodeIs(string code)
    {
        var error = Assert.Throws<DomainException>(() => Create().SetUsageLocation(code));

        Assert.Equal("InvalidUsageLocation", error.Code);
        Assert.Equal($"'{code}' is not a usage location: use a two-letter country code such as DK or US.", error.Message);
    }

    [Fact]
    public void SetUsageLocation_Blank_ClearsIt()
    {
        var user = Create();
        user.SetUsageLocation("US");

        user.SetUsageLocation("  ");

        Assert.Null(user.UsageLocation);
    }

    [Fact]
    public void Constructor_WithoutDisplayName_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() => new DirectoryUser(Guid.NewGuid(), Guid.NewGuid(), "a@contoso.com", " ", UserKind.User, Now));

        Assert.Equal("A user needs a display name.", error.Message);
    }

    [Fact]
    public void MarkDeleted_BlocksSignInAndTwiceIsRefused()
    {
        var user = Create();

        user.MarkDeleted(Now);

        Assert.True(user.IsDeleted);
        Assert.True(user.SignInBlocked);
        Assert.Equal("anna@contoso.com is already deleted.", Assert.Throws<DomainException>(() => user.MarkDeleted(Now)).Message);
    }

    [Fact]
    public void MarkRestored_AllowsSignInAgainForAPerson()
    {
        var user = Create();
        user.MarkDeleted(Now);

        user.MarkRestored();

        Assert.False(user.IsDeleted);
        Assert.False(user.SignInBlocked);
        Assert.Equal("anna@contoso.com is not deleted.", Assert.Throws<DomainException>(user.MarkRestored).Message);
    }

    [Fact]
    public void ResourceMailbox_NeedsALicenseOnlyOverFiftyGigabytes()
    {
        var room = Create("room1@contoso.com", UserKind.RoomMailbox);

        room.SetMailboxSize(DirectoryUser.ResourceMailboxQuotaMb);
        Assert.False(room.ResourceMailboxNeedsLicense);

        room.SetMailboxSize(DirectoryUser.ResourceMailboxQuotaMb + 1);
        Assert.True(room.ResourceMailboxNeedsLicense);
        Assert.True(room.SignInBlocked);
    }

    [Fact]
    public void IsAdmin_WhenTheUserHoldsARole()
    {
        var user = Create();

        user.SetRoles(AdminRoles.LicenseAdministrator);

        Assert.True(user.IsAdmin);
    }
}
