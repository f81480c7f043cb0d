using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;

namespace LicenseAdmin.Domain.Tests.Licensing;

public class ServiceProvisioningTests
{
    private static readonly DateTime Removed = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static ServiceProvisioning RetainedMailbox()
    {
        var mailbox = new ServiceProvisioning(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ServiceFamily.Exchange, Removed.AddMonths(-6));
        mailbox.Retain(Removed);
        return mailbox;
    }

    [Fact]
    public void Retain_KeepsTheDataThirtyDays()
    {
        var mailbox = RetainedMailbox();

        Assert.Equal(ProvisioningState.Retained, mailbox.State);
        Assert.Equal(Removed.AddDays(30), mailbox.RetainedUntilUtc);
    }

    [Fact]
    public void IsDueForPurge_OnDay29_IsFalse()
    {
        Assert.False(RetainedMailbox().IsDueForPurge(Removed.AddDays(29)));
    }

    [Fact]
    public void IsDueForPurge_OnDay30_IsTrue()
    {
        Assert.True(RetainedMailbox().IsDueForPurge(Removed.AddDays(30)));
    }

    [Fact]
    public void Reconnect_OnDay29_GivesTheSameDataBack()
    {
        var mailbox = RetainedMailbox();

        mailbox.Reconnect(Removed.AddDays(29));

        Assert.Equal(ProvisioningState.Provisioned, mailbox.State);
        Assert.Null(mailbox.RetainedUntilUtc);
        Assert.False(mailbox.IsDueForPurge(Removed.AddDays(31)));
    }

    [Fact]
    public void MarkPurged_OnDay29_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() => RetainedMailbox().MarkPurged(Removed.AddDays(29)));

        Assert.Equal("NotDueForPurge", error.Code);
        Assert.Equal("The Exchange data is not due for purge.", error.Message);
    }

    [Fact]
    public void Reconnect_AfterPurgeOnDay30_IsRefused()
    {
        var mailbox = RetainedMailbox();
        mailbox.MarkPurged(Removed.AddDays(30));

        var error = Assert.Throws<DomainException>(() => mailbox.Reconnect(Removed.AddDays(31)));

        Assert.Equal(ProvisioningState.Purged, mailbox.State);
        Assert.Equal("DataPurged", error.Code);
        Assert.Equal("The Exchange data was purged and cannot be reconnected.", error.Message);
    }

    [Fact]
    public void Retain_OfProvisionedServiceOnly_LeavesAPurgedServicePurged()
    {
        var mailbox = RetainedMailbox();
        mailbox.MarkPurged(Removed.AddDays(30));

        mailbox.Retain(Removed.AddDays(40));

        Assert.Equal(ProvisioningState.Purged, mailbox.State);
    }
}
