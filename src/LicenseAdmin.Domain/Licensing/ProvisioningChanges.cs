using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing.Planning;

namespace LicenseAdmin.Domain.Licensing;

/// <summary>
/// The provisioning records one license change writes, collected for all its users so they can be written in bulk.
/// A gained family grants the user's existing record again (or creates one); a lost family retains or removes it.
/// What each of those means is <see cref="ServiceProvisioning.LicenseGranted"/> and <see cref="ServiceProvisioning.LicenseLost"/>;
/// this class only decides which record each rule applies to and keeps the records whose values really changed.
/// </summary>
public sealed class ProvisioningChanges(Guid tenantId, DateTime nowUtc)
{
    private readonly List<ServiceProvisioning> _created = [];
    private readonly List<ServiceProvisioning> _updated = [];

    /// <summary>New records, for families the users never had provisioned.</summary>
    public IReadOnlyList<ServiceProvisioning> Created => _created;

    /// <summary>Existing records whose state, retention or change time the rules moved; records the rules left alone are not here.</summary>
    public IReadOnlyList<ServiceProvisioning> Updated => _updated;

    /// <param name="userId">The user whose licenses change.</param>
    /// <param name="delta">The families the change gives and takes.</param>
    /// <param name="existing">The user's current record of a family, or null when there is none.</param>
    public void Apply(Guid userId, ProvisioningDelta delta, Func<ServiceFamily, ServiceProvisioning?> existing)
    {
        foreach (var family in delta.Gained)
        {
            if (existing(family) is { } record) Track(record, record.LicenseGranted);
            else _created.Add(new ServiceProvisioning(Guid.NewGuid(), tenantId, userId, family, nowUtc));
        }
        foreach (var family in delta.Lost)
        {
            if (existing(family) is { } record) Track(record, record.LicenseLost);
        }
    }

    private void Track(ServiceProvisioning record, Action<DateTime> rule)
    {
        var before = (record.State, record.RetainedUntilUtc, record.ChangedUtc);
        rule(nowUtc);
        if (before != (record.State, record.RetainedUntilUtc, record.ChangedUtc)) _updated.Add(record);
    }
}
