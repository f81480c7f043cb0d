using LicenseAdmin.Domain.Catalog;

namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>A product whose disabled plans change for a user who keeps it.</summary>
public sealed record DisabledPlansChange(Guid ProductId, IReadOnlySet<Guid> Before, IReadOnlySet<Guid> After);

/// <summary>What the change does to one user. A user with nothing to do is listed with <see cref="IsUnchanged"/>.</summary>
public sealed record UserPlan(
    Guid UserId,
    string UserPrincipalName,
    IReadOnlyList<ProductLicense> Added,
    IReadOnlyList<Guid> Removed,
    IReadOnlyList<DisabledPlansChange> Changed,
    ProvisioningDelta Provisioning)
{
    /// <summary>Restore only: products the user had but does not get back, each with the reason.</summary>
    public IReadOnlyList<Violation> NotRestored { get; init; } = [];

    /// <summary>The user's licenses as the plan found them, for the audit log's "before" (and Undo, which reads it back).</summary>
    public IReadOnlyList<ProductLicense> Before { get; init; } = [];

    /// <summary>The user's licenses after the change, for writing and for the audit log's "after".</summary>
    public IReadOnlyList<ProductLicense> Final { get; init; } = [];

    /// <summary>
    /// Products whose direct part the change removed while the user keeps them from groups (the seat stays), each with
    /// the sentence for the admin (<see cref="Groups.InheritedLicenseRule"/>).
    /// </summary>
    public IReadOnlyList<Groups.KeptLicense> DirectRemoved { get; init; } = [];

    public bool IsUnchanged => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0 && DirectRemoved.Count == 0;
}

/// <summary>Per product: seats the change takes and gives back against what is free.</summary>
/// <param name="ProductId">The product.</param>
/// <param name="DisplayName">The product's name for the preview.</param>
/// <param name="SeatsNeeded">New assignments of the product (users who did not hold it and will).</param>
/// <param name="SeatsReleased">Assignments the same change takes away (users who held it and will not).</param>
/// <param name="SeatsFree">Total minus assigned before the change.</param>
public sealed record SeatDemand(Guid ProductId, string DisplayName, int SeatsNeeded, int SeatsReleased, int SeatsFree)
{
    /// <summary>Seats this change may use: the free ones and the ones it releases itself.</summary>
    public int SeatsAvailable => SeatsFree + SeatsReleased;

    /// <summary>How the assigned count moves when the change is written.</summary>
    public int NetChange => SeatsNeeded - SeatsReleased;

    public bool IsSatisfied => SeatsNeeded <= SeatsAvailable;
}

/// <summary>The planner's answer: the preview an admin confirms, and exactly what a commit writes.</summary>
public sealed class LicensePlan(IReadOnlyList<UserPlan> users, IReadOnlyList<SeatDemand> seats, IReadOnlyList<Violation> violations)
{
    /// <summary>Every user of the tenant the change names, in the order given, changed or not (unknown ids are violations only).</summary>
    public IReadOnlyList<UserPlan> Users { get; } = users;

    /// <summary>Only products whose assignments the change adds or releases.</summary>
    public IReadOnlyList<SeatDemand> Seats { get; } = seats;

    /// <summary>Every broken rule, not only the first. Restore's skipped products are not here but on each <see cref="UserPlan"/>.</summary>
    public IReadOnlyList<Violation> Violations { get; } = violations;

    public bool IsValid => Violations.Count == 0;

    public bool HasChanges => Users.Any(u => !u.IsUnchanged);

    /// <summary>Valid and with something to write. An idempotent repeat is valid but has nothing to apply.</summary>
    public bool CanApply => IsValid && HasChanges;

    public IEnumerable<UserPlan> ChangedUsers => Users.Where(u => !u.IsUnchanged);

    public int SeatsNeeded(Guid productId) => Seats.FirstOrDefault(s => s.ProductId == productId)?.SeatsNeeded ?? 0;
}
