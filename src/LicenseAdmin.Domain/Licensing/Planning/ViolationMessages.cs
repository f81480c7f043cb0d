namespace LicenseAdmin.Domain.Licensing.Planning;

/// <summary>Every sentence the planner says, in one place, so pages, API and tests agree on the wording.</summary>
public static class ViolationMessages
{
    public static Violation NotEnoughSeats(ProductInfo product, int needed, int available) =>
        new(ViolationCode.CountViolation,
            $"{product.DisplayName}: {Seats(needed)} needed, {Math.Max(available, 0)} available.", ProductId: product.Id);

    public static Violation MutuallyExclusive(UserLicenseState user, string planA, string productA, string planB, string productB) =>
        new(ViolationCode.MutuallyExclusiveViolation,
            $"{user.UserPrincipalName}: {planA} ({productA}) and {planB} ({productB}) cannot be enabled together.",
            user.UserId);

    public static Violation MissingDependency(UserLicenseState user, string plan, ProductInfo product, IEnumerable<string> requiredPlans) =>
        new(ViolationCode.DependencyViolation,
            $"{user.UserPrincipalName}: {plan} ({product.DisplayName}) needs {string.Join(" or ", requiredPlans)}, which is off or not licensed.",
            user.UserId, product.Id);

    public static Violation UsageLocationRequired(UserLicenseState user) =>
        new(ViolationCode.UsageLocationRequired,
            $"{user.UserPrincipalName} has no usage location. Set the user's country before assigning licenses.", user.UserId);

    public static Violation UserDeleted(UserLicenseState user) =>
        new(ViolationCode.UserDeleted,
            $"{user.UserPrincipalName} is deleted. Restore the user before changing licenses.", user.UserId);

    public static Violation NotSubscribed(ProductInfo product) =>
        new(ViolationCode.ProductNotSubscribed,
            $"{product.DisplayName}: the organisation has no subscription for this product.", ProductId: product.Id);

    public static Violation Suspended(ProductInfo product) =>
        new(ViolationCode.SubscriptionSuspended,
            $"{product.DisplayName}: the subscription is suspended, so the product cannot be assigned.", ProductId: product.Id);

    public static Violation InvalidServicePlan(ProductInfo product, Guid planId) =>
        new(ViolationCode.InvalidServicePlan,
            $"{product.DisplayName} has no service plan {planId}, so it cannot be turned off.", ProductId: product.Id);

    public static Violation UnknownProduct(Guid productId) =>
        new(ViolationCode.UnknownProduct, $"The product {productId} is not in the catalog.", ProductId: productId);

    public static Violation DuplicateProduct(ProductInfo product) =>
        new(ViolationCode.DuplicateProduct, $"{product.DisplayName} is selected more than once.", ProductId: product.Id);

    public static Violation NoUsers() =>
        new(ViolationCode.EmptySelection, "No users are selected. Select at least one user.");

    public static Violation NoProducts() =>
        new(ViolationCode.EmptySelection,
            "No products are selected. Select at least one product, or use Remove all to take every license away.");

    public static Violation NotAssigned(UserLicenseState user, ProductInfo product) =>
        new(ViolationCode.ProductNotAssigned,
            $"{user.UserPrincipalName} does not have {product.DisplayName}.", user.UserId, product.Id);

    public static Violation UserNotFound(Guid userId) =>
        new(ViolationCode.UserNotFound, $"The user {userId} does not exist in this organisation.", userId);

    public static Violation UserNotDeleted(UserLicenseState user) =>
        new(ViolationCode.UserNotDeleted,
            $"{user.UserPrincipalName} is not deleted, so there is nothing to restore.", user.UserId);

    /// <summary>Why a restored user did not get one product back (restore goes on without it).</summary>
    public static Violation NotRestored(UserLicenseState user, Guid productId, string productName, ViolationCode reason, string why) =>
        new(reason, $"{productName} was not restored for {user.UserPrincipalName}: {why}.", user.UserId, productId);

    private static string Seats(int count) => count == 1 ? "1 seat" : $"{count} seats";
}
