namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>
/// The rules a change can break. The first four are Microsoft's Graph error codes. Wording is in
/// <see cref="ViolationMessages"/>.
/// </summary>
public enum ViolationCode
{
    /// <summary>Not enough seats of a product, after counting the seats the same change releases. One per product.</summary>
    CountViolation,

    /// <summary>A changed user would end with two enabled plans that cannot coexist.</summary>
    MutuallyExclusiveViolation,

    /// <summary>A changed user would end with an enabled plan none of whose required plans is enabled.</summary>
    DependencyViolation,

    /// <summary>A user who gains a product has no usage location.</summary>
    UsageLocationRequired,

    /// <summary>The user is in Deleted users; only a restore may touch them.</summary>
    UserDeleted,

    /// <summary>A product the change adds or changes has no subscription in the tenant.</summary>
    ProductNotSubscribed,

    /// <summary>A product the change adds or changes has only suspended or locked-out subscriptions.</summary>
    SubscriptionSuspended,

    /// <summary>A disabled plan id is not a plan of that product. One per product and plan.</summary>
    InvalidServicePlan,

    /// <summary>The product id is not in the catalog. One per product.</summary>
    UnknownProduct,

    /// <summary>The same product is chosen twice in one selection.</summary>
    DuplicateProduct,

    /// <summary>No users, or (add, replace) no products, are selected.</summary>
    EmptySelection,

    /// <summary>A single remove or plan change names a product the user does not hold. Remove all never reports it.</summary>
    ProductNotAssigned,

    /// <summary>The user id is not a user of this tenant.</summary>
    UserNotFound,

    /// <summary>A restore names a user who is not deleted.</summary>
    UserNotDeleted,

    /// <summary>A direct change would remove or change a license the user inherits from a group; it is changed on the group.</summary>
    InheritedLicense,
}

/// <summary>
/// A broken rule: the code for scripts, a sentence for the admin (<see cref="Reason"/> in parts, <see cref="Message"/>
/// in English), and whom and what it is about.
/// </summary>
public sealed record Violation(ViolationCode Code, DomainMessage Reason, Guid? UserId = null, Guid? ProductId = null)
{
    public string Message => Reason.ToString();

    public override string ToString() => $"{Code}: {Message}";
}
