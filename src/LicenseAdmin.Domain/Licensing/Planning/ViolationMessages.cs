namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>
/// Every sentence the planner says, in one place, so pages, API and tests agree on the wording. Each is a
/// <see cref="DomainMessage"/>: an English template and its values, which the portal words in the admin's language.
/// </summary>
public static class ViolationMessages
{
    public static Violation NotEnoughSeats(ProductInfo product, int needed, int available) =>
        Broken(ViolationCode.CountViolation, "{Product}: {Seats} needed, {Available} available.",
            new { Product = product.DisplayName, Seats = Seats(needed), Available = Math.Max(available, 0) }, productId: product.Id);

    public static Violation MutuallyExclusive(UserLicenseState user, string planA, string productA, string planB, string productB) =>
        Broken(ViolationCode.MutuallyExclusiveViolation,
            "{User}: {PlanA} ({ProductA}) and {PlanB} ({ProductB}) cannot be enabled together.",
            new { User = user.UserPrincipalName, PlanA = planA, ProductA = productA, PlanB = planB, ProductB = productB }, user.UserId);

    public static Violation MissingDependency(UserLicenseState user, string plan, ProductInfo product, IEnumerable<string> requiredPlans) =>
        Broken(ViolationCode.DependencyViolation, "{User}: {Plan} ({Product}) needs {Required}, which is off or not licensed.",
            new { User = user.UserPrincipalName, Plan = plan, Product = product.DisplayName, Required = AnyOf(requiredPlans.ToList()) },
            user.UserId, product.Id);

    public static Violation Inherited(Guid userId, string user, ProductInfo product, IEnumerable<string> groups) =>
        Broken(ViolationCode.InheritedLicense,
            "{User}: {Product} is inherited from the group {Groups}; remove or change it on the group.",
            new { User = user, Product = product.DisplayName, Groups = string.Join(", ", groups) }, userId, product.Id);

    public static Violation UsageLocationRequired(UserLicenseState user) =>
        Broken(ViolationCode.UsageLocationRequired,
            "{User} has no usage location. Set the user's country before assigning licenses.", new { User = user.UserPrincipalName }, user.UserId);

    public static Violation UserDeleted(UserLicenseState user) =>
        Broken(ViolationCode.UserDeleted,
            "{User} is deleted. Restore the user before changing licenses.", new { User = user.UserPrincipalName }, user.UserId);

    public static Violation NotSubscribed(ProductInfo product) =>
        Broken(ViolationCode.ProductNotSubscribed,
            "{Product}: the organisation has no subscription for this product.", new { Product = product.DisplayName }, productId: product.Id);

    public static Violation Suspended(ProductInfo product) =>
        Broken(ViolationCode.SubscriptionSuspended,
            "{Product}: the subscription is suspended, so the product cannot be assigned.", new { Product = product.DisplayName }, productId: product.Id);

    public static Violation InvalidServicePlan(ProductInfo product, Guid planId) =>
        Broken(ViolationCode.InvalidServicePlan,
            "{Product} has no service plan {Plan}, so it cannot be turned off.", new { Product = product.DisplayName, Plan = planId }, productId: product.Id);

    public static Violation UnknownProduct(Guid productId) =>
        Broken(ViolationCode.UnknownProduct, "The product {Product} is not in the catalog.", new { Product = productId }, productId: productId);

    public static Violation DuplicateProduct(ProductInfo product) =>
        Broken(ViolationCode.DuplicateProduct, "{Product} is selected more than once.", new { Product = product.DisplayName }, productId: product.Id);

    public static Violation NoUsers() =>
        Broken(ViolationCode.EmptySelection, "No users are selected. Select at least one user.");

    public static Violation NoProducts() =>
        Broken(ViolationCode.EmptySelection,
            "No products are selected. Select at least one product, or use Remove all to take every license away.");

    public static Violation NotAssigned(UserLicenseState user, ProductInfo product) =>
        Broken(ViolationCode.ProductNotAssigned,
            "{User} does not have {Product}.", new { User = user.UserPrincipalName, Product = product.DisplayName }, user.UserId, product.Id);

    public static Violation UserNotFound(Guid userId) =>
        Broken(ViolationCode.UserNotFound, "The user {User} does not exist in this organisation.", new { User = userId }, userId);

    public static Violation UserNotDeleted(UserLicenseState user) =>
        Broken(ViolationCode.UserNotDeleted,
            "{User} is not deleted, so there is nothing to restore.", new { User = user.UserPrincipalName }, user.UserId);

    /// <summary>Why a restored user did not get one product back (restore goes on without it); the reasons are below.</summary>
    public static Violation NotRestored(UserLicenseState user, Guid productId, string productName, ViolationCode reason, DomainMessage why) =>
        Broken(reason, "{Product} was not restored for {User}: {Reason}.",
            new { Product = productName, User = user.UserPrincipalName, Reason = why }, user.UserId, productId);

    public static DomainMessage NoLongerInCatalog() => Say(ViolationCode.UnknownProduct, "the product is no longer in the catalog");

    public static DomainMessage NoSubscriptionForIt() => Say(ViolationCode.ProductNotSubscribed, "the organisation has no subscription for it");

    public static DomainMessage ItsSubscriptionIsSuspended() => Say(ViolationCode.SubscriptionSuspended, "its subscription is suspended");

    public static DomainMessage NoUsageLocation() => Say(ViolationCode.UsageLocationRequired, "the user has no usage location");

    public static DomainMessage CannotBeEnabledWith(string plan, string otherPlan, string otherProduct) =>
        Say(ViolationCode.MutuallyExclusiveViolation, "{Plan} cannot be enabled together with {OtherPlan} ({OtherProduct})",
            new { Plan = plan, OtherPlan = otherPlan, OtherProduct = otherProduct });

    public static DomainMessage Needs(string plan, IEnumerable<string> requiredPlans) =>
        Say(ViolationCode.DependencyViolation, "{Plan} needs {Required}, which is off or not licensed",
            new { Plan = plan, Required = AnyOf(requiredPlans.ToList()) });

    public static DomainMessage NoSeatFree() => Say(ViolationCode.CountViolation, "no seat is free");

    private static DomainMessage Seats(int count) => count == 1
        ? Say(ViolationCode.CountViolation, "1 seat")
        : Say(ViolationCode.CountViolation, "{Count} seats", new { Count = count });

    /// <summary>"A", "A or B", "A or B or C": built pairwise, so a language needs one translation of "or".</summary>
    private static DomainMessage AnyOf(IReadOnlyList<string> plans) => plans.Count <= 1
        ? Say(ViolationCode.DependencyViolation, "{Plan}", new { Plan = plans.Count == 1 ? plans[0] : string.Empty })
        : Say(ViolationCode.DependencyViolation, "{Others} or {Last}", new { Others = AnyOf(plans.Take(plans.Count - 1).ToList()), Last = plans[^1] });

    private static Violation Broken(ViolationCode code, string template, object? values = null, Guid? userId = null, Guid? productId = null) =>
        new(code, Say(code, template, values), userId, productId);

    private static DomainMessage Say(ViolationCode code, string template, object? values = null) => new(code.ToString(), template, values);
}
