namespace LicenseAdmin.Domain.Licensing;

public enum DevicePlatform
{
    Pc = 0,
    Mac = 1,
}

/// <summary>Office desktop apps installed on one of the user's PCs or Macs.</summary>
public sealed class OfficeInstallation : ITenantOwned
{
    private OfficeInstallation()
    {
        DeviceName = string.Empty;
    }

    /// <summary>Microsoft 365 Apps may be installed on up to 5 PCs or Macs per user; a 6th is refused.</summary>
    public const int MaxPerUser = 5;

    public OfficeInstallation(Guid id, Guid tenantId, Guid userId, string deviceName, DevicePlatform platform, DateTime installedUtc)
    {
        if (string.IsNullOrWhiteSpace(deviceName))
            throw new DomainException("DeviceNameRequired", "An Office installation needs a device name.");
        if (deviceName.Trim().Length > 100)
            throw new DomainException("DeviceNameTooLong", "A device name can be at most 100 characters.");
        PlainText.Checked(deviceName.Trim(), PlainText.Fields.DeviceName);
        Id = id;
        TenantId = tenantId;
        UserId = userId;
        DeviceName = deviceName.Trim();
        Platform = platform;
        InstalledUtc = installedUtc;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid UserId { get; private set; }
    public string DeviceName { get; private set; }
    public DevicePlatform Platform { get; private set; }
    public DateTime InstalledUtc { get; private set; }

    /// <summary>Throws when the user already has <see cref="MaxPerUser"/> installations.</summary>
    public static void EnsureRoomForAnother(int existingInstallations)
    {
        if (existingInstallations >= MaxPerUser)
            throw new DomainException(new DomainMessage("InstallLimitReached",
                "Office is already installed on {Max} devices. Remove one before installing on another.", new { Max = MaxPerUser }));
    }
}
