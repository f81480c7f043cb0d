using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace LicenseAdmin.Infrastructure.Retention;

/// <summary>
/// The "Retention" configuration section: how often and in what portions the purge service works. The retention
/// period itself (30 days) is a product rule, not a setting: <see cref="Domain.Licensing.ServiceProvisioning.RetentionPeriod"/>.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>False keeps this instance's background purge off (the <c>purge run</c> command still works).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Time between two purge runs; the first runs at start-up.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Mailboxes per batch (deleted users: a tenth as many, as each goes with about ten rows); each batch is one short
    /// transaction. docs/operations.md explains the default.
    /// </summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>How long the purge lease is held without renewal; another instance takes over after it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Reads and checks the section; throws <see cref="ConfigurationValueException"/> naming the key of a bad value.</summary>
    public static RetentionOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new RetentionOptions();
        CheckDays(section);
        return new RetentionOptions
        {
            Enabled = Value(section, nameof(Enabled), defaults.Enabled, bool.TryParse, "true or false"),
            Interval = Value(section, nameof(Interval), defaults.Interval, TryPositiveTimeSpan, "a positive time span such as 01:00:00"),
            BatchSize = Value(section, nameof(BatchSize), defaults.BatchSize, TryPositiveInt, "a positive whole number such as 2000"),
            LeaseDuration = Value(section, nameof(LeaseDuration), defaults.LeaseDuration, TryPositiveTimeSpan, "a positive time span such as 00:05:00"),
        };
    }

    /// <summary>
    /// Retention:Days may be written down (operators look for it), but the period is the product's promise to
    /// administrators (kept 30 days, then gone), so any other value is refused rather than silently ignored.
    /// </summary>
    private static void CheckDays(IConfigurationSection section)
    {
        var days = Domain.Licensing.ServiceProvisioning.RetentionPeriod.Days;
        var value = Value(section, "Days", days, TryPositiveInt, "a positive whole number");
        if (value != days)
            throw new ConfigurationValueException(
                $"{Section}:Days is fixed at {days} by the product's retention rule; it is '{section["Days"]}'. Remove the key or set it to {days}.");
    }

    private delegate bool Parser<T>(string text, out T value);

    private static T Value<T>(IConfigurationSection section, string key, T fallback, Parser<T> parse, string expected)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (parse(text.Trim(), out var value)) return value;
        throw new ConfigurationValueException($"{Section}:{key} must be {expected}; it is '{text}'.");
    }

    private static bool TryPositiveTimeSpan(string text, out TimeSpan value) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;

    private static bool TryPositiveInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
