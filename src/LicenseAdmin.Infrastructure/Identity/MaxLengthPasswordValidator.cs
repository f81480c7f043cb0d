using Microsoft.AspNetCore.Identity;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>Identity has a minimum length but no maximum; very long passwords only cost hashing time.</summary>
public sealed class MaxLengthPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const int MaxLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password) =>
        Task.FromResult(password is { Length: > MaxLength }
            ? IdentityResult.Failed(PortalIdentityErrorDescriber.Of(manager).PasswordTooLong(MaxLength))
            : IdentityResult.Success);
}
