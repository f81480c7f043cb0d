using LicenseAdmin.Infrastructure.Retention;
using Microsoft.Extensions.Configuration;

namespace LicenseAdmin.Infrastructure.Tests.Retention;

public sealed class RetentionOptionsTests
{
    private static RetentionOptions Read(string key, string value) =>
        RetentionOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build());

    [Fact]
    public void Defaults_PurgeHourlyInBatchesOf2000WithAFiveMinuteLease()
    {
        var options = RetentionOptions.Read(new ConfigurationBuilder().Build());

        Assert.Equal((true, TimeSpan.FromHours(1), 2000, TimeSpan.FromMinutes(5)), (options.Enabled, options.Interval, options.BatchSize, options.LeaseDuration));
    }

    [Fact]
    public void GoodValues_AreRead()
    {
        var options = Read("Retention:Interval", "00:15:00");

        Assert.Equal(TimeSpan.FromMinutes(15), options.Interval);
    }

    [Theory]
    [InlineData("Retention:Interval", "00:00:00", "Retention:Interval must be a positive time span such as 01:00:00; it is '00:00:00'.")]
    [InlineData("Retention:Interval", "-01:00:00", "Retention:Interval must be a positive time span such as 01:00:00; it is '-01:00:00'.")]
    [InlineData("Retention:Interval", "hourly", "Retention:Interval must be a positive time span such as 01:00:00; it is 'hourly'.")]
    [InlineData("Retention:BatchSize", "0", "Retention:BatchSize must be a positive whole number such as 2000; it is '0'.")]
    [InlineData("Retention:BatchSize", "-5", "Retention:BatchSize must be a positive whole number such as 2000; it is '-5'.")]
    [InlineData("Retention:LeaseDuration", "0", "Retention:LeaseDuration must be a positive time span such as 00:05:00; it is '0'.")]
    [InlineData("Retention:Enabled", "sometimes", "Retention:Enabled must be true or false; it is 'sometimes'.")]
    [InlineData("Retention:Days", "0", "Retention:Days must be a positive whole number; it is '0'.")]
    [InlineData("Retention:Days", "-30", "Retention:Days must be a positive whole number; it is '-30'.")]
    [InlineData("Retention:Days", "thirty", "Retention:Days must be a positive whole number; it is 'thirty'.")]
    [InlineData("Retention:Days", "45", "Retention:Days is fixed at 30 by the product's retention rule; it is '45'. Remove the key or set it to 30.")]
    public void BadValue_IsRefusedNamingTheKey(string key, string value, string message)
    {
        var error = Assert.Throws<ConfigurationValueException>(() => Read(key, value));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void RetentionDaysOf30_IsAccepted()
    {
        var options = Read("Retention:Days", "30");

        Assert.Equal(2000, options.BatchSize);
    }
}
