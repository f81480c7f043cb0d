namespace LicenseAdmin.Infrastructure.Persistence.Seeding;

/// <summary>The "Demo" configuration section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public const string DefaultPassword = "Contoso-demo-2026";

    /// <summary>Seed the demo tenants into an empty database. On by default for the embedded SQLite run.</summary>
    public bool Enabled { get; set; }

    /// <summary>The password of every demo sign-in (environment Demo__Password).</summary>
    public string Password { get; set; } = DefaultPassword;
}
