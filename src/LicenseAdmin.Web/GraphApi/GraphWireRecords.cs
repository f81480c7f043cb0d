using System.Text.Json.Nodes;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;

namespace LicenseAdmin.Web.GraphApi;

public sealed record AssignedLicense(Guid SkuId, IReadOnlyList<Guid> DisabledPlans);

public sealed record ServicePlanInfo(Guid ServicePlanId, string ServicePlanName, string ProvisioningStatus, string AppliesTo);

public sealed record LicenseUnitsDetail(int Enabled, int Warning, int Suspended, int LockedOut);

public sealed record SubscribedSku(
    string Id, Guid SkuId, string SkuPartNumber, string AppliesTo, string CapabilityStatus, int ConsumedUnits,
    LicenseUnitsDetail PrepaidUnits, IReadOnlyList<ServicePlanInfo> ServicePlans);

public sealed record LicenseDetails(string Id, Guid SkuId, string SkuPartNumber, IReadOnlyList<ServicePlanInfo> ServicePlans);

/// <summary>
/// One entry of a user's <c>licenseAssignmentStates</c> as Graph shapes it: one per source of a product (direct, or each
/// group), so a product held directly and from a group gives two entries.
/// </summary>
public sealed record LicenseAssignmentState(
    Guid SkuId, IReadOnlyList<Guid> DisabledPlans, string? AssignedByGroup, string State, string Error, string? LastUpdatedDateTime)
{
    public static LicenseAssignmentState From(LicenseStateRecord state) => new(
        state.ProductId, state.DisabledPlanIds, state.GroupId?.ToString(),
        // A group whose products the member did not get (all or nothing per group) is in "Error" with Graph's reason.
        state.Error is null ? "Active" : "Error",
        state.Error?.ToString() ?? "None",
        state.SinceUtc is { } since ? GraphUser.Iso(since) : null);
}

/// <summary>The body of <c>POST /users/{id}/assignLicense</c>; Graph's SDKs always send both arrays.</summary>
public sealed record AssignLicenseBody(IReadOnlyList<AssignedLicense>? AddLicenses, IReadOnlyList<Guid>? RemoveLicenses);

/// <summary>Graph's user, mapped from the service's record in one place.</summary>
public sealed record GraphUser(
    string Id, string DisplayName, string? GivenName, string? Surname, string UserPrincipalName, string Mail, string MailNickname,
    bool AccountEnabled, string? UsageLocation, string? Department, string? JobTitle, string CreatedDateTime,
    IReadOnlyList<AssignedLicense> AssignedLicenses, string? DeletedDateTime = null,
    IReadOnlyList<LicenseAssignmentState>? LicenseAssignmentStates = null)
{
    /// <summary>What Graph returns without $select.</summary>
    public static readonly IReadOnlyList<string> DefaultProperties =
        ["id", "displayName", "givenName", "surname", "userPrincipalName", "mail", "jobTitle"];

    /// <summary>
    /// What <c>GET /users/{id}</c> returns without $select: the default set and the user's licenseAssignmentStates, so
    /// one call tells a script where each license comes from and which group could not give one (Graph needs $select).
    /// </summary>
    public static readonly IReadOnlyList<string> SingleUserDefaultProperties = [.. DefaultProperties, "licenseAssignmentStates"];

    /// <summary>A user of Deleted users: the user with the time of deletion.</summary>
    public static GraphUser From(DeletedUserRecord deleted) => From(deleted.User) with { DeletedDateTime = Iso(deleted.DeletedUtc) };

    public static string Iso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    public static GraphUser From(UserRecord user) => new(
        user.Id.ToString(), user.DisplayName, user.GivenName, user.Surname, user.UserPrincipalName, user.UserPrincipalName,
        user.UserPrincipalName.Split('@')[0], user.AccountEnabled, user.UsageLocation, user.Department, user.JobTitle,
        DateTime.SpecifyKind(user.CreatedUtc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        user.Licenses.Select(l => new AssignedLicense(l.ProductId, l.DisabledPlanIds)).ToList(),
        LicenseAssignmentStates: user.LicenseStates?.Select(LicenseAssignmentState.From).ToList());

    /// <summary>The user as JSON with only the selected properties (Graph's default set when none are).</summary>
    public JsonObject Shaped(IReadOnlyList<string>? select)
    {
        var all = System.Text.Json.JsonSerializer.SerializeToNode(this, GraphErrors.Json)!.AsObject();
        var wanted = select ?? DefaultProperties;
        var shaped = new JsonObject();
        foreach (var name in wanted)
            shaped[name] = all.TryGetPropertyValue(name, out var value) ? value?.DeepClone() : null;
        return shaped;
    }

    public static SubscribedSku Sku(Guid tenantId, ProductOption product) => new(
        $"{tenantId}_{product.Id}", product.Id, product.PartNumber, "User", "Enabled", product.Assigned,
        new LicenseUnitsDetail(product.Total, 0, 0, 0),
        product.Plans.Select(p => new ServicePlanInfo(p.Id, p.Name, "Success", "User")).ToList());
}
