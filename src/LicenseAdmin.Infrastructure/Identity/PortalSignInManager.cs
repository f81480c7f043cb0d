using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in manager with one rule added: a session is valid only while its account's security stamp is
/// unchanged and its directory user may still sign in (not blocked, not deleted). Identity alone checks only the
/// stamp, so a blocked user's cookie would stay valid until something renewed the stamp.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    SignInAuditor auditor)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>Used by the cookie's periodic validation and by the open circuits' revalidation.</summary>
    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is not null && await CanSignInAsync(user) ? user : null;
    }

    /// <summary>
    /// Re-issuing the cookie never revives a blocked or deleted user. The stamp is not compared here, because a
    /// password change renews it just before refreshing; callers that refresh for other reasons validate the
    /// session first (<see cref="ValidateSecurityStampAsync(ClaimsPrincipal?)"/>).
    /// </summary>
    public override async Task RefreshSignInAsync(ApplicationUser user)
    {
        if (!await CanSignInAsync(user))
        {
            await SignOutAsync();
            return;
        }
        await base.RefreshSignInAsync(user);
    }

    /// <summary>
    /// An unknown username costs the same password hashing as a known one, so timing does not tell which
    /// usernames exist; the answer is the same plain failure as for a wrong password. Every attempt is audited.
    /// </summary>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        // A name no account can have (too long, control characters: PostgreSQL refuses a NUL in a query) is not looked up.
        var user = SignInAuditor.IsPossibleUserName(userName) ? await UserManager.FindByNameAsync(userName) : null;
        SignInResult result;
        if (user is not null) result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        else
        {
            UnknownUserHashing.Verify(UserManager.PasswordHasher, password);
            result = SignInResult.Failed;
        }
        await auditor.RecordAsync(userName, user, result, Context.Connection.RemoteIpAddress?.ToString());
        return result;
    }

    /// <summary>
    /// Identity says "not allowed" (blocked, deleted) before it looks at the password, which tells a guesser
    /// that the account exists and is blocked. Here only someone who knows the password learns that.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        if (await CanSignInAsync(user)) return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (await IsLockedOut(user)) return await LockedOut(user);
        if (await UserManager.CheckPasswordAsync(user, password)) return SignInResult.NotAllowed;
        // Counted like any failure, so a blocked account locks out the same way and does not stand out.
        if (lockoutOnFailure && UserManager.SupportsUserLockout)
        {
            await UserManager.AccessFailedAsync(user);
            if (await UserManager.IsLockedOutAsync(user)) return await LockedOut(user);
        }
        return SignInResult.Failed;
    }

    /// <summary>The authenticator step of a sign-in; audited like the password step.</summary>
    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        if (user is not null) await auditor.RecordSecondFactorAsync(user, result, "authenticator code", Context.Connection.RemoteIpAddress?.ToString());
        return result;
    }

    /// <summary>A recovery code instead of the authenticator; each works once (Identity removes it).</summary>
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (user is not null) await auditor.RecordSecondFactorAsync(user, result, "recovery code", Context.Connection.RemoteIpAddress?.ToString());
        return result;
    }
}
