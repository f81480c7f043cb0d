namespace LicenseAdmin.Domain.Subscriptions;

/// <summary>Microsoft's subscription states (subscribedSku capabilityStatus).</summary>
public enum SubscriptionStatus
{
    Enabled = 0,
    Warning = 1,
    Suspended = 2,
    Deleted = 3,
    LockedOut = 4,
}
