using Microsoft.Extensions.Configuration;

namespace LicenseAdmin.Infrastructure.Groups;

/// <summary>The group license processor's settings (section <c>GroupLicensing</c>).</summary>
public sealed class GroupLicensingOptions
{
    public const string Section = "GroupLicensing";

    /// <summary>False on an instance that should never process (another instance of the farm does).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How often the processor looks for queued members.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often dynamic groups' rules are evaluated again against the users.</summary>
    public TimeSpan DynamicRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Queued users per transaction.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>How long the lease lasts without renewal; each batch renews it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(2);

    public static GroupLicensingOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new GroupLicensingOptions();
        return new GroupLicensingOptions
        {
            Enabled = bool.TryParse(section[nameof(Enabled)], out var enabled) ? enabled : defaults.Enabled,
            Interval = Positive(section, nameof(Interval), defaults.Interval),
            DynamicRefreshInterval = Positive(section, nameof(DynamicRefreshInterval), defaults.DynamicRefreshInterval),
            BatchSize = int.TryParse(section[nameof(BatchSize)], out var size) && size > 0 ? size
                : section[nameof(BatchSize)] is null ? defaults.BatchSize
                : throw new ConfigurationValueException($"{Section}:{nameof(BatchSize)} must be a positive whole number such as 500; it is '{section[nameof(BatchSize)]}'."),
            LeaseDuration = Positive(section, nameof(LeaseDuration), defaults.LeaseDuration),
        };
    }

    private static TimeSpan Positive(IConfigurationSection section, string key, TimeSpan fallback)
    {
        var text = section[key];
        if (text is null) return fallback;
        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new ConfigurationValueException($"{Section}:{key} must be a positive time span such as 00:00:05; it is '{text}'.");
    }
}
