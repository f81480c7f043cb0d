namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>The rules a change can break. The first four are Microsoft's Graph error codes.</summary>
public enum ViolationCode
{
    CountViolation,
    MutuallyExclusiveViolation,
    DependencyViolation,
    UsageLocationRequired,
    UserDeleted,
    ProductNotSubscribed,
    SubscriptionSuspended,
    InvalidServicePlan,
    UnknownProduct,
    DuplicateProduct,
    EmptySelection,
    ProductNotAssigned,
    UserNotFound,
    UserNotDeleted,
}

/// <summary>A broken rule: the code for scripts, a sentence for the admin, and whom and what it is about.</summary>
public sealed record Violation(ViolationCode Code, string Message, Guid? UserId = null, Guid? ProductId = null)
{
    public override string ToString() => $"{Code}: {Message}";
}
