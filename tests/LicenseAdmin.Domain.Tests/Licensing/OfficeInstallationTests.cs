using LicenseAdmin.Domain.Licensing;

namespace LicenseAdmin.Domain.Tests.Licensing;

public class OfficeInstallationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void EnsureRoomForAnother_BelowFiveInstallations_Allows(int existing)
    {
        OfficeInstallation.EnsureRoomForAnother(existing);
    }

    [Fact]
    public void EnsureRoomForAnother_AtFiveInstallations_RefusesTheSixth()
    {
        var error = Assert.Throws<DomainException>(() => OfficeInstallation.EnsureRoomForAnother(5));

        Assert.Equal("InstallLimitReached", error.Code);
        Assert.Equal("Office is already installed on 5 devices. Remove one before installing on another.", error.Message);
    }

    [Fact]
    public void Constructor_WithoutDeviceName_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() =>
            new OfficeInstallation(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), " ", DevicePlatform.Pc, DateTime.UtcNow));

        Assert.Equal("An Office installation needs a device name.", error.Message);
    }

    [Fact]
    public void Constructor_WithTooLongDeviceName_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() =>
            new OfficeInstallation(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new string('x', 101), DevicePlatform.Mac, DateTime.UtcNow));

        Assert.Equal("A device name can be at most 100 characters.", error.Message);
    }
}
