namespace LicenseAdmin.Domain.Tenants;

/// <summary>An organisation. Nothing is ever visible or changeable across tenants.</summary>
public sealed class Tenant
{
    public Tenant(Guid id, string name, string initialDomain, DateTime createdUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(initialDomain);
        Id = id;
        Name = name.Trim();
        InitialDomain = initialDomain.Trim().ToLowerInvariant();
        CreatedUtc = createdUtc;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }

    /// <summary>The domain every UPN of the tenant ends with, e.g. contoso.com.</summary>
    public string InitialDomain { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    /// <summary>
    /// Administrators must sign in with an authenticator app (see <see cref="Administration.MfaRule"/>).
    /// On for every new tenant; a Global administrator may turn it off.
    /// </summary>
    public bool RequireMfaForAdmins { get; private set; } = true;

    public void SetRequireMfaForAdmins(bool required) => RequireMfaForAdmins = required;
}
