using LicenseAdmin.Domain.Licensing;

namespace LicenseAdmin.Domain.Tests;

public sealed class ServiceProvisioningDaysLeftTests
{
    private static readonly DateTime Now = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(30 * 24.0, 30)]
    [InlineData(36.0, 2)]
    [InlineData(12.0, 1)]
    [InlineData(0.0, 0)]
    [InlineData(-5.0, 0)]
    public void DaysLeft_CountsAStartedDayAsADay_AndNeverGoesBelowZero(double hoursLeft, int expected)
    {
        Assert.Equal(expected, ServiceProvisioning.DaysLeft(Now.AddHours(hoursLeft), Now));
    }
}
