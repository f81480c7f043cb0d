using Microsoft.AspNetCore.Identity;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>
/// Identity's error sentences plus the portal's own password rules, in English. The web portal registers a subclass
/// that words each one in the reader's language; the password validators ask the user manager's describer, so their
/// refusals are translated the same way.
/// </summary>
public class PortalIdentityErrorDescriber : IdentityErrorDescriber
{
    public virtual IdentityError PasswordTooLong(int maxLength) =>
        new() { Code = nameof(PasswordTooLong), Description = $"Passwords must be at most {maxLength} characters." };

    public virtual IdentityError PasswordContainsUserName() =>
        new() { Code = nameof(PasswordContainsUserName), Description = "Passwords must not contain the username." };

    public virtual IdentityError PasswordTooFewDistinct(int distinct) =>
        new() { Code = nameof(PasswordTooFewDistinct), Description = $"Passwords must use at least {distinct} different characters." };

    public virtual IdentityError PasswordIsARun() =>
        new() { Code = nameof(PasswordIsARun), Description = "Passwords must not be a run of consecutive characters such as abcdef or 123456." };

    public virtual IdentityError PasswordIsCommon() =>
        new() { Code = nameof(PasswordIsCommon), Description = "This password is on the list of commonly used passwords. Choose another." };

    /// <summary>The portal's describer of <paramref name="manager"/>, or the English one when another is registered.</summary>
    public static PortalIdentityErrorDescriber Of(UserManager<ApplicationUser> manager) =>
        manager.ErrorDescriber as PortalIdentityErrorDescriber ?? English;

    private static readonly PortalIdentityErrorDescriber English = new();
}
