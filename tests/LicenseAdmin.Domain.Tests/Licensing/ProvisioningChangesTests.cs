using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Licensing.Planning;

namespace LicenseAdmin.Domain.Tests.Licensing;

public class ProvisioningChangesTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly DateTime Earlier = new(2026, 2, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static ProvisioningDelta Gains(params ServiceFamily[] families) => new(families.ToHashSet(), new HashSet<ServiceFamily>());

    private static ProvisioningDelta Loses(params ServiceFamily[] families) => new(new HashSet<ServiceFamily>(), families.ToHashSet());

    private static ServiceProvisioning Record(Guid userId, ServiceFamily family) => new(Guid.NewGuid(), Tenant, userId, family, Earlier);

    [Fact]
    public void GainedFamily_WithoutARecord_CreatesAProvisionedOne()
    {
        var user = Guid.NewGuid();
        var changes = new ProvisioningChanges(Tenant, Now);

        changes.Apply(user, Gains(ServiceFamily.Exchange), _ => null);

        var created = Assert.Single(changes.Created);
        Assert.Equal((Tenant, user, ServiceFamily.Exchange, ProvisioningState.Provisioned, Now),
            (created.TenantId, created.UserId, created.Family, created.State, created.ChangedUtc));
        Assert.Empty(changes.Updated);
    }

    [Fact]
    public void GainedFamily_WithARetainedMailbox_ReconnectsThatRecord()
    {
        var user = Guid.NewGuid();
        var mailbox = Record(user, ServiceFamily.Exchange);
        mailbox.Retain(Earlier);
        var changes = new ProvisioningChanges(Tenant, Now);

        changes.Apply(user, Gains(ServiceFamily.Exchange), family => family == ServiceFamily.Exchange ? mailbox : null);

        Assert.Same(mailbox, Assert.Single(changes.Updated));
        Assert.Equal((ProvisioningState.Provisioned, (DateTime?)null, Now), (mailbox.State, mailbox.RetainedUntilUtc, mailbox.ChangedUtc));
        Assert.Empty(changes.Created);
    }

    [Fact]
    public void GainedFamily_AlreadyProvisioned_IsNeitherCreatedNorUpdated()
    {
        var user = Guid.NewGuid();
        var sharePoint = Record(user, ServiceFamily.SharePoint);
        var changes = new ProvisioningChanges(Tenant, Now);

        changes.Apply(user, Gains(ServiceFamily.SharePoint), _ => sharePoint);

        Assert.Empty(changes.Created);
        Assert.Empty(changes.Updated);
        Assert.Equal(Earlier, sharePoint.ChangedUtc);
    }

    [Fact]
    public void LostFamilies_RetainTheMailboxAndRemoveTheRest_AndSkipWhatIsAlreadyGoneOrMissing()
    {
        var user = Guid.NewGuid();
        var records = new Dictionary<ServiceFamily, ServiceProvisioning>
        {
            [ServiceFamily.Exchange] = Record(user, ServiceFamily.Exchange),
            [ServiceFamily.SharePoint] = Record(user, ServiceFamily.SharePoint),
            [ServiceFamily.SkypeForBusiness] = Record(user, ServiceFamily.SkypeForBusiness),
        };
        records[ServiceFamily.SkypeForBusiness].LicenseLost(Earlier);
        var changes = new ProvisioningChanges(Tenant, Now);

        changes.Apply(user, Loses(ServiceFamily.Exchange, ServiceFamily.SharePoint, ServiceFamily.SkypeForBusiness, ServiceFamily.OfficeApps),
            family => records.GetValueOrDefault(family));

        Assert.Equal([ServiceFamily.Exchange, ServiceFamily.SharePoint], changes.Updated.Select(r => r.Family).Order());
        Assert.Equal((ProvisioningState.Retained, Now.AddDays(30)), (records[ServiceFamily.Exchange].State, records[ServiceFamily.Exchange].RetainedUntilUtc));
        Assert.Equal(ProvisioningState.Removed, records[ServiceFamily.SharePoint].State);
        Assert.Equal(Earlier, records[ServiceFamily.SkypeForBusiness].ChangedUtc);
        Assert.Empty(changes.Created);
    }

    [Fact]
    public void ManyUsers_AreCollectedTogether_EachWithTheirOwnRecords()
    {
        var returning = Guid.NewGuid();
        var newcomer = Guid.NewGuid();
        var retained = Record(returning, ServiceFamily.Exchange);
        retained.Retain(Earlier);
        var changes = new ProvisioningChanges(Tenant, Now);

        changes.Apply(returning, Gains(ServiceFamily.Exchange), family => family == ServiceFamily.Exchange ? retained : null);
        changes.Apply(newcomer, Gains(ServiceFamily.Exchange), _ => null);

        Assert.Equal([retained.Id], changes.Updated.Select(r => r.Id));
        Assert.Equal([newcomer], changes.Created.Select(r => r.UserId));
    }
}
