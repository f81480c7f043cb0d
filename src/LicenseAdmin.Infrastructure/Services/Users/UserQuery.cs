namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>A user property an API query may filter or sort on.</summary>
public enum UserField
{
    Id,
    DisplayName,
    GivenName,
    Surname,
    UserPrincipalName,
    Mail,
    Department,
    JobTitle,
    UsageLocation,
    AccountEnabled,
}

/// <summary>A condition on users, built by the API from a parsed <c>$filter</c> and turned into SQL here.</summary>
public abstract record UserCondition;

public sealed record FieldEquals(UserField Field, object? Value, bool Negated = false) : UserCondition;

public sealed record FieldStartsWith(UserField Field, string Prefix) : UserCondition;

public sealed record AllOf(UserCondition Left, UserCondition Right) : UserCondition;

public sealed record AnyOf(UserCondition Left, UserCondition Right) : UserCondition;

public sealed record NotCondition(UserCondition Inner) : UserCondition;

/// <summary>
/// <c>$search="field:word"</c>: a word of the field starts with <paramref name="Word"/>, ignoring case (Graph's tokenized
/// search: "displayName:oskar" finds "Oskar Lund" and "Anna Oskarsson-Berg" is not found, "Lund" finds "Oskar Lund").
/// </summary>
public sealed record FieldSearch(UserField Field, string Word) : UserCondition;

/// <summary><c>assignedLicenses/any(x:x/skuId eq {id})</c>.</summary>
public sealed record HoldsProduct(Guid ProductId) : UserCondition;

/// <summary><c>assignedLicenses/$count eq 0</c> (or <c>ne 0</c> when <see cref="Licensed"/>).</summary>
public sealed record LicenseCountIsZero(bool Licensed) : UserCondition;

/// <summary>
/// Members of a group (its <c>/members</c>), or only those who did not get its licenses (<c>membersWithLicenseErrors</c>);
/// not part of a user <c>$filter</c>, but read the same way, one page at a time.
/// </summary>
public sealed record MemberOfGroup(Guid GroupId, bool OnlyWithLicenseErrors = false) : UserCondition;

/// <summary>Where the previous page ended: the sort value and the UPN (unique among active users) of its last row.</summary>
public sealed record UserKey(string? SortValue, string UserPrincipalName);

/// <summary>One page of an API user list: the filter, the sort, the page size and where to continue.</summary>
public sealed record UserQuery(
    UserCondition? Filter, UserField OrderBy, bool Descending, int Top, UserKey? After, bool IncludeCount, bool IncludeLicenseStates = false);

/// <summary>A user as the API returns it.</summary>
public sealed record UserRecord(
    Guid Id, string UserPrincipalName, string DisplayName, string? GivenName, string? Surname, string? Department, string? JobTitle,
    string? UsageLocation, bool AccountEnabled, DateTime CreatedUtc, IReadOnlyList<HeldLicense> Licenses,
    IReadOnlyList<LicenseStateRecord>? LicenseStates = null);

/// <summary>
/// One source of one of a user's products, as Graph's <c>licenseAssignmentStates</c> lists them: the direct assignment
/// (<paramref name="GroupId"/> null) or a group, with the plans that source turns off, and the group's error for the user
/// when it could not give its products (all or nothing per group). <paramref name="SinceUtc"/> is when the product was
/// given; null for a group whose products the user did not get.
/// </summary>
public sealed record LicenseStateRecord(
    Guid ProductId, Guid? GroupId, IReadOnlyList<Guid> DisabledPlanIds, LicenseAdmin.Domain.Groups.GroupLicenseError? Error, DateTime? SinceUtc);

public sealed record UserRecordPage(IReadOnlyList<UserRecord> Users, long? Count, UserKey? Next);

/// <summary>A user in Deleted users as the API returns it: the user and when they were deleted.</summary>
public sealed record DeletedUserRecord(UserRecord User, DateTime DeletedUtc);

/// <summary>Where a page of Deleted users ended: the deletion time and user principal name of its last row.</summary>
public sealed record DeletedUserKey(DateTime DeletedUtc, string UserPrincipalName);

public sealed record DeletedUserRecordPage(IReadOnlyList<DeletedUserRecord> Users, DeletedUserKey? Next);
