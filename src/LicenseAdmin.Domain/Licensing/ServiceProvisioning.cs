using LicenseAdmin.Domain.Catalog;

namespace LicenseAdmin.Domain.Licensing;

public enum ProvisioningState
{
    Provisioned = 0,

    /// <summary>No license enables the family any more; its data is kept until <see cref="ServiceProvisioning.RetainedUntilUtc"/>.</summary>
    Retained = 1,

    /// <summary>Deleted for good; cannot be recovered.</summary>
    Purged = 2,

    /// <summary>The service's features went with the license and no data is kept for it (SharePoint edit permission, Skype features, Office activation).</summary>
    Removed = 3,
}

/// <summary>What a license provisioned for one user and one service family, and where it is in its lifecycle.</summary>
public sealed class ServiceProvisioning : ITenantOwned
{
    private ServiceProvisioning() { }

    /// <summary>Data of a service whose license went (or of a deleted user) is kept this long, then purged.</summary>
    public static readonly TimeSpan RetentionPeriod = TimeSpan.FromDays(30);

    /// <summary>
    /// Whole days left until <paramref name="untilUtc"/>, counting a started day as a day: data kept until
    /// tomorrow noon has 1 day left, never 0; 0 means the time is up.
    /// </summary>
    public static int DaysLeft(DateTime untilUtc, DateTime nowUtc) =>
        Math.Max(0, (int)Math.Ceiling((untilUtc - nowUtc).TotalDays));

    public ServiceProvisioning(Guid id, Guid tenantId, Guid userId, ServiceFamily family, DateTime provisionedUtc)
    {
        Id = id;
        TenantId = tenantId;
        UserId = userId;
        Family = family;
        State = ProvisioningState.Provisioned;
        ChangedUtc = provisionedUtc;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid UserId { get; private set; }
    public ServiceFamily Family { get; private set; }
    public ProvisioningState State { get; private set; }
    public DateTime? RetainedUntilUtc { get; private set; }
    public DateTime ChangedUtc { get; private set; }

    /// <summary>Starts the 30 days. Only a provisioned service can be retained.</summary>
    public void Retain(DateTime nowUtc)
    {
        if (State != ProvisioningState.Provisioned) return;
        State = ProvisioningState.Retained;
        RetainedUntilUtc = nowUtc + RetentionPeriod;
        ChangedUtc = nowUtc;
    }

    /// <summary>
    /// The license that enabled the family went. Exchange keeps its mailbox for <see cref="RetentionPeriod"/>;
    /// the other families lose their features at once (SharePoint documents are never purged; Office installs stay
    /// and report "Unlicensed product").
    /// </summary>
    public void LicenseLost(DateTime nowUtc)
    {
        if (Family == ServiceFamily.Exchange) Retain(nowUtc);
        else if (State == ProvisioningState.Provisioned)
        {
            State = ProvisioningState.Removed;
            ChangedUtc = nowUtc;
        }
    }

    /// <summary>
    /// A license enables the family again: retained data is reconnected; after a purge the service starts
    /// over with new, empty data.
    /// </summary>
    public void LicenseGranted(DateTime nowUtc)
    {
        if (State == ProvisioningState.Provisioned) return;
        State = ProvisioningState.Provisioned;
        RetainedUntilUtc = null;
        ChangedUtc = nowUtc;
    }

    /// <summary>A license gave the service back within the 30 days: the same data is reconnected.</summary>
    public void Reconnect(DateTime nowUtc)
    {
        if (State == ProvisioningState.Purged)
            throw new DomainException("DataPurged", $"The {Family} data was purged and cannot be reconnected.");
        State = ProvisioningState.Provisioned;
        RetainedUntilUtc = null;
        ChangedUtc = nowUtc;
    }

    /// <summary>
    /// Retained data whose 30 days are over. A license given back before then makes the record Provisioned again,
    /// which is what cancels the purge.
    /// </summary>
    public bool IsDueForPurge(DateTime nowUtc) =>
        State == ProvisioningState.Retained && RetainedUntilUtc is { } until && until <= nowUtc;

    public void MarkPurged(DateTime nowUtc)
    {
        if (!IsDueForPurge(nowUtc))
            throw new DomainException("NotDueForPurge", $"The {Family} data is not due for purge.");
        State = ProvisioningState.Purged;
        ChangedUtc = nowUtc;
    }
}
