using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Services.Licensing;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>A user to add; <c>UserService.CreateAsync</c> can give the licenses in the same change.</summary>
public sealed record NewUser(
    string UserPrincipalName,
    string DisplayName,
    string? FirstName = null,
    string? LastName = null,
    string? Department = null,
    string? JobTitle = null,
    string? UsageLocation = null,
    UserKind Kind = UserKind.User);

/// <summary>The editable profile of a user; every field is written as given (null clears it).</summary>
public sealed record UserProfile(
    string DisplayName,
    string? FirstName,
    string? LastName,
    string? Department,
    string? JobTitle,
    string? UsageLocation)
{
    public static UserProfile Of(DirectoryUser user) =>
        new(user.DisplayName, user.FirstName, user.LastName, user.Department, user.JobTitle, user.UsageLocation);
}

/// <summary>What a delete did: who went to Deleted users and the seats their licenses gave back.</summary>
public sealed record UserDeletionResult(IReadOnlyList<Guid> DeletedUserIds, IReadOnlyList<SeatDemand> SeatsReleased);

/// <summary>One restored user: the licenses they got back and, with the reason, those they did not.</summary>
public sealed record RestoredUser(
    Guid UserId,
    string UserPrincipalName,
    IReadOnlyList<AuditedLicense> LicensesRestored,
    IReadOnlyList<Violation> LicensesNotRestored);

public sealed record UserRestoreResult(IReadOnlyList<RestoredUser> Users)
{
    public bool AllLicensesRestored => Users.All(u => u.LicensesNotRestored.Count == 0);
}
