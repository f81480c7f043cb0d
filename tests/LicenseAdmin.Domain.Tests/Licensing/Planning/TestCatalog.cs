using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing.Planning;

namespace LicenseAdmin.Domain.Tests.Licensing.Planning;

/// <summary>
/// A small catalog built from the real ids of /work/shared/catalog (skus.csv, exclusive_plans.csv,
/// plan_dependencies.csv), so the tests read like the admin center without reading files.
/// </summary>
internal static class TestCatalog
{
    public static readonly Guid E3 = Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900");
    public static readonly Guid BusinessBasic = Guid.Parse("3b555118-da6a-4418-894f-7df1e2096870");
    public static readonly Guid ExchangeOnlinePlan1 = Guid.Parse("4b9405b0-7788-4568-add1-99614e613b69");

    // Workplace Analytics is not in skus.csv; its plan id is the one plan_dependencies.csv names.
    public static readonly Guid WorkplaceAnalytics = Guid.Parse("3d957427-ecdc-4df2-aacd-01cc9d519da8");

    public static readonly Guid ExchangePlan2 = Guid.Parse("efb87545-963c-4e0d-99df-69c6916d9eb0");
    public static readonly Guid SharePointPlan2 = Guid.Parse("5dbe027f-2339-4123-9542-606e4d348a72");
    public static readonly Guid SkypePlan2 = Guid.Parse("0feaeb32-d00e-4d66-bd5a-43b5b83db82c");
    public static readonly Guid OfficeApps = Guid.Parse("43de0ff5-c92c-492b-9116-175376d08c38");
    public static readonly Guid Teams = Guid.Parse("57ff2da0-773e-42df-b2af-ffb7a2317929");
    public static readonly Guid ExchangePlan1 = Guid.Parse("9aaf7827-d63c-4b61-89c3-182f06f82e5c");
    public static readonly Guid SharePointStandard = Guid.Parse("c7699d2e-19aa-44de-8edf-1736da088ca1");
    public static readonly Guid WorkplaceAnalyticsPlan = Guid.Parse("f477b0f0-3bb1-4890-940c-40fcee6ce05f");

    // Business Basic is listed before Exchange Online (Plan 1), so messages name EXCHANGE_S_STANDARD by Business Basic's
    // friendly name, spelled in capitals as skus.csv has it.
    public static readonly LicensingCatalog Rules = new(
        [
            new ProductInfo(E3, "ENTERPRISEPACK", "Office 365 E3",
            [
                Plan(ExchangePlan2, "EXCHANGE_S_ENTERPRISE", "Exchange Online (Plan 2)"),
                Plan(SharePointPlan2, "SHAREPOINTENTERPRISE", "SharePoint (Plan 2)"),
                Plan(SkypePlan2, "MCOSTANDARD", "Skype for Business Online (Plan 2)"),
                Plan(OfficeApps, "OFFICESUBSCRIPTION", "Microsoft 365 Apps for Enterprise"),
                Plan(Teams, "TEAMS1", "Microsoft Teams"),
            ]),
            new ProductInfo(BusinessBasic, "O365_BUSINESS_ESSENTIALS", "Microsoft 365 Business Basic",
            [
                Plan(ExchangePlan1, "EXCHANGE_S_STANDARD", "EXCHANGE ONLINE (PLAN 1)"),
                Plan(SharePointStandard, "SHAREPOINTSTANDARD", "SHAREPOINTSTANDARD"),
                Plan(SkypePlan2, "MCOSTANDARD", "SKYPE FOR BUSINESS ONLINE (PLAN 2)"),
                Plan(Teams, "TEAMS1", "TEAMS1"),
            ]),
            new ProductInfo(ExchangeOnlinePlan1, "EXCHANGESTANDARD", "Exchange Online (Plan 1)",
            [
                Plan(ExchangePlan1, "EXCHANGE_S_STANDARD", "Exchange Online (Plan 1)"),
            ]),
            new ProductInfo(WorkplaceAnalytics, "WORKPLACE_ANALYTICS", "Microsoft Workplace Analytics",
            [
                Plan(WorkplaceAnalyticsPlan, "WORKPLACE_ANALYTICS", "Microsoft Workplace Analytics"),
            ]),
        ],
        [new ExclusivePlanPair(SharePointPlan2, SharePointStandard, "exclusive_plans.csv")],
        [
            new PlanDependency(WorkplaceAnalyticsPlan, ExchangePlan1, "plan_dependencies.csv"),
            new PlanDependency(WorkplaceAnalyticsPlan, ExchangePlan2, "plan_dependencies.csv"),
        ]);

    private static ServicePlanInfo Plan(Guid id, string name, string friendlyName) =>
        new(id, name, friendlyName, ServiceFamilyClassifier.Classify(name));
}

/// <summary>A tenant to plan against: seats per product and users with their licenses.</summary>
internal sealed class TestTenant
{
    private readonly Dictionary<Guid, (int Total, bool Subscribed, bool Suspended)> _seats = [];
    private readonly List<UserLicenseState> _users = [];

    /// <summary>Every product of the test catalog is subscribed with 100 seats unless a test says otherwise.</summary>
    public TestTenant()
    {
        foreach (var product in TestCatalog.Rules.Products) WithSeats(product.Id, 100);
    }

    public TestTenant WithSeats(Guid productId, int total, bool suspended = false)
    {
        _seats[productId] = (total, true, suspended);
        return this;
    }

    public TestTenant WithoutSubscription(Guid productId)
    {
        _seats.Remove(productId);
        return this;
    }

    public UserLicenseState User(string name, params ProductLicense[] licenses) => Add(name, "DK", false, licenses);

    public UserLicenseState UserWithoutUsageLocation(string name, params ProductLicense[] licenses) => Add(name, null, false, licenses);

    public UserLicenseState DeletedUser(string name, params ProductLicense[] licenses) => Add(name, "DK", true, licenses);

    public void Replace(UserLicenseState user) => _users[_users.FindIndex(u => u.UserId == user.UserId)] = user;

    /// <summary>Assigned seats are counted from the users, as the service counts them: holders that are not deleted.</summary>
    public LicensingState State() => new(Seats(), _users);

    /// <summary>The seats of every subscribed product, assigned counted from the users.</summary>
    public IReadOnlyList<ProductSeatState> Seats()
    {
        var assigned = _users.Where(u => !u.IsDeleted).SelectMany(u => u.Licenses).GroupBy(l => l.ProductId)
            .ToDictionary(g => g.Key, g => g.Count());
        return _seats.Select(s =>
            new ProductSeatState(s.Key, s.Value.Total, assigned.GetValueOrDefault(s.Key), s.Value.Subscribed, s.Value.Suspended)).ToList();
    }

    public LicensePlan Plan(LicenseChange change) => new LicensePlanner(TestCatalog.Rules).Plan(State(), change);

    /// <summary>Writes a plan the way a commit would, so a test can plan the same change again.</summary>
    public void Apply(LicensePlan plan)
    {
        Assert.True(plan.IsValid, string.Join(Environment.NewLine, plan.Violations));
        foreach (var userPlan in plan.ChangedUsers)
        {
            var user = _users.Single(u => u.UserId == userPlan.UserId);
            Replace(user with { Licenses = userPlan.Final, IsDeleted = false });
        }
    }

    public UserLicenseState Add(bool deleted, string? usageLocation, string name = "anna") => Add(name, usageLocation, deleted, []);

    private UserLicenseState Add(string name, string? usageLocation, bool deleted, ProductLicense[] licenses)
    {
        var user = new UserLicenseState(Guid.NewGuid(), $"{name}@contoso.com", name, deleted, usageLocation, licenses);
        _users.Add(user);
        return user;
    }
}

internal static class Licenses
{
    public static ProductLicense Of(Guid productId, params Guid[] disabledPlans) => new(productId, disabledPlans);

    public static Guid[] Ids(params UserLicenseState[] users) => users.Select(u => u.UserId).ToArray();

    public static Violation Single(this LicensePlan plan, ViolationCode code) => Assert.Single(plan.Violations, v => v.Code == code);

    public static UserPlan For(this LicensePlan plan, UserLicenseState user) => plan.Users.Single(u => u.UserId == user.UserId);
}
