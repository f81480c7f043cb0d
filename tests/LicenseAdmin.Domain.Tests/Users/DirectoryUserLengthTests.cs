using LicenseAdmin.Domain.Users;

namespace LicenseAdmin.Domain.Tests.Users;

public class DirectoryUserLengthTests
{
    private static DirectoryUser Create() => new(Guid.NewGuid(), Guid.NewGuid(), "anna@contoso.com", "Anna Berg", UserKind.User, DateTime.UtcNow);

    [Theory]
    [InlineData("first", 65, "A first name can be at most 64 characters; this one has 65.")]
    [InlineData("last", 65, "A last name can be at most 64 characters; this one has 65.")]
    [InlineData("department", 10_000, "A department can be at most 64 characters; this one has 10000.")]
    [InlineData("job", 129, "A job title can be at most 128 characters; this one has 129.")]
    public void UpdateProfile_WithAnOverLongField_NamesTheFieldAndChangesNothing(string field, int length, string message)
    {
        var user = Create();
        var text = new string('x', length);

        var error = Assert.Throws<DomainException>(() => user.UpdateProfile("Anna Berg",
            field == "first" ? text : null, field == "last" ? text : null, field == "department" ? text : null, field == "job" ? text : null));

        Assert.Equal(message, error.Message);
        Assert.Equal((null, null, null, null), (user.FirstName, user.LastName, user.Department, user.JobTitle));
    }

    [Fact]
    public void UpdateProfile_AtTheLimits_IsAccepted()
    {
        var user = Create();

        user.UpdateProfile("Anna Berg", new string('f', 64), new string('l', 64), new string('d', 64), new string('j', 128));

        Assert.Equal(64, user.Department!.Length);
    }

    [Fact]
    public void AnOverLongUsername_IsRefusedWithItsLength()
    {
        var upn = new string('a', 60) + "@" + new string('b', 250) + ".com";

        var error = Assert.Throws<DomainException>(() => new DirectoryUser(Guid.NewGuid(), Guid.NewGuid(), upn, "A", UserKind.User, DateTime.UtcNow));

        Assert.Equal("A username can be at most 256 characters; this one has 315.", error.Message);
    }
}
