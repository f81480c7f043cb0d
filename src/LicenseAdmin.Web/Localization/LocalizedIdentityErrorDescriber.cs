using LicenseAdmin.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace LicenseAdmin.Web.Localization;

/// <summary>
/// Identity's error sentences (wrong current password, password rules, a username already taken, …) and the portal's
/// own password rules in the reader's language. The keys are Identity's English sentences, so English reads exactly as
/// Identity words it; Danish lives in Strings.da.resx. Codes stay Identity's, for code that tells errors apart.
/// </summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<Strings> L) : PortalIdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), L["An unknown failure has occurred."]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), L["Optimistic concurrency failure, object has been modified."]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), L["The current password is incorrect."]);

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), L["Invalid token."]);

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), L["Recovery code redemption failed."]);

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), L["A user with this login already exists."]);

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), L["Username '{0}' is invalid, can only contain letters or digits.", userName ?? ""]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), L["Email '{0}' is invalid.", email ?? ""]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), L["Username '{0}' is already taken.", userName]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), L["Email '{0}' is already taken.", email]);

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), L["Role name '{0}' is invalid.", role ?? ""]);

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), L["Role name '{0}' is already taken.", role]);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), L["User already has a password set."]);

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), L["Lockout is not enabled for this user."]);

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), L["User already in role '{0}'.", role]);

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), L["User is not in role '{0}'.", role]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), L["Passwords must be at least {0} characters.", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), L["Passwords must use at least {0} different characters.", uniqueChars]);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), L["Passwords must have at least one non alphanumeric character."]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), L["Passwords must have at least one digit ('0'-'9')."]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), L["Passwords must have at least one lowercase ('a'-'z')."]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), L["Passwords must have at least one uppercase ('A'-'Z')."]);

    public override IdentityError PasswordTooLong(int maxLength) => Error(nameof(PasswordTooLong), L["Passwords must be at most {0} characters.", maxLength]);

    public override IdentityError PasswordContainsUserName() => Error(nameof(PasswordContainsUserName), L["Passwords must not contain the username."]);

    public override IdentityError PasswordTooFewDistinct(int distinct) =>
        Error(nameof(PasswordTooFewDistinct), L["Passwords must use at least {0} different characters.", distinct]);

    public override IdentityError PasswordIsARun() =>
        Error(nameof(PasswordIsARun), L["Passwords must not be a run of consecutive characters such as abcdef or 123456."]);

    public override IdentityError PasswordIsCommon() =>
        Error(nameof(PasswordIsCommon), L["This password is on the list of commonly used passwords. Choose another."]);

    private static IdentityError Error(string code, LocalizedString description) => new() { Code = code, Description = description.Value };
}
