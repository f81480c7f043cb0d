namespace LicenseAdmin.Infrastructure.Persistence.Seeding;

/// <summary>The "Demo" configuration section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public const string DefaultPassword = "Contoso-demo-2026";

    /// <summary>Seed the demo tenants into an empty database. Off unless configured (appsettings.Development.json turns it on).</summary>
    public bool Enabled { get; set; }

    /// <summary>The password of every demo sign-in (environment Demo__Password).</summary>
    public string Password { get; set; } = DefaultPassword;

    /// <summary>
    /// The published default password opens every demo account, Global administrators included, so it is accepted
    /// only in Development; anywhere else start-up stops and says what to set.
    /// </summary>
    public void EnsureSafeFor(bool isDevelopment, string environmentName)
    {
        if (Enabled && !isDevelopment && Password == DefaultPassword)
            throw new ConfigurationValueException(
                $"Demo:Enabled is true with the published demo password in the {environmentName} environment. " +
                "Set Demo:Password (environment Demo__Password) to a password of your own, or set Demo:Enabled to false.");
    }
}
