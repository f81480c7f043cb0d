namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>How quickly a session notices that its rights ended (blocked, deleted, new role, new password).</summary>
public sealed class SessionValidationOptions
{
    public const string Section = "Security:Sessions";

    /// <summary>
    /// How often a sign-in cookie and an open page check the account against the database. Ending a session
    /// takes at most this long; the default keeps the promise of "within one minute" with room to spare.
    /// </summary>
    public TimeSpan ValidationInterval { get; set; } = TimeSpan.FromSeconds(30);
}
