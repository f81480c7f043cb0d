using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Users;

namespace LicenseAdmin.Domain.Tests.Users;

/// <summary>
/// Hostile text in the one-line fields: control characters and hidden text-direction marks are refused with a sentence
/// naming the field, and nothing changes; markup and right-to-left scripts are plain text, kept as typed.
/// </summary>
public class DirectoryUserTextTests
{
    private static DirectoryUser Create() => new(Guid.NewGuid(), Guid.NewGuid(), "anna@contoso.com", "Anna Berg", UserKind.User, DateTime.UtcNow);

    public static TheoryData<string, string, string> HostileFields => new()
    {
        // field, text, the field as the refusal names it
        { "display", "\u202Emoc.osotnoc@nimda", "The display name" },
        { "display", "Anna\u2066Berg\u2069", "The display name" },
        { "display", "Anna\u0007Berg", "The display name" },
        { "first", "An\nna", "The first name" },
        { "last", "Be\u0000rg", "The last name" },
        { "department", "Sales\tEMEA", "The department" },
        { "department", "Sales\u202A", "The department" },
        { "job", "Chief\u0085Officer", "The job title" },
    };

    [Theory]
    [MemberData(nameof(HostileFields))]
    public void UpdateProfile_WithAControlCharacterOrADirectionMark_NamesTheFieldAndChangesNothing(string field, string text, string named)
    {
        var user = Create();

        var error = Assert.Throws<DomainException>(() => user.UpdateProfile(field == "display" ? text : "Anna Berg",
            field == "first" ? text : null, field == "last" ? text : null, field == "department" ? text : null, field == "job" ? text : null));

        Assert.Equal($"{named} contains a control character or a hidden text-direction mark (such as U+202E); type it without them.", error.Message);
        Assert.Equal(("Anna Berg", (string?)null, (string?)null, (string?)null, (string?)null), (user.DisplayName, user.FirstName, user.LastName, user.Department, user.JobTitle));
    }

    [Fact]
    public void ANewUser_WithARightToLeftOverrideInTheDisplayName_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() =>
            new DirectoryUser(Guid.NewGuid(), Guid.NewGuid(), "anna@contoso.com", "\u202Emoc.osotnoc@nimda", UserKind.User, DateTime.UtcNow));

        Assert.Equal("The display name contains a control character or a hidden text-direction mark (such as U+202E); type it without them.", error.Message);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("=HYPERLINK(\"https://evil.example\")")]
    [InlineData("نور الهدى")]
    [InlineData("דנה כהן")]
    public void MarkupFormulasAndRightToLeftScripts_ArePlainText_KeptAsTyped(string name)
    {
        var user = Create();

        user.UpdateProfile(name, null, null, name, null);

        Assert.Equal((name, name), (user.DisplayName, user.Department));
    }

    [Fact]
    public void AnOfficeInstallation_WithADirectionMarkInTheDeviceName_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() =>
            new OfficeInstallation(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "PC\u202Eexe.", DevicePlatform.Pc, DateTime.UtcNow));

        Assert.Equal("The device name contains a control character or a hidden text-direction mark (such as U+202E); type it without them.", error.Message);
    }
}
