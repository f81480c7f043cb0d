using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Auditing;

namespace LicenseAdmin.Infrastructure.Services.Users;

public sealed partial class UserService
{
    /// <summary>
    /// Removes the user's authenticator (a lost phone): a new secret key, MFA off, and a renewed security stamp so
    /// every open session and remembered browser ends. If the tenant requires MFA of this admin, the next sign-in
    /// goes to enrolment. Global administrators only.
    /// </summary>
    public Task ResetMfaAsync(Caller caller, Guid userId, CancellationToken cancellationToken) =>
        ChangeAsync(caller, Permission.ResetMfa, AuditAction.ResetUserMfa, db => UserSelection.NameOfAsync(db, userId, CancellationToken.None),
            async (db, admin, now) =>
            {
                var user = await ActiveUserAsync(db, userId, cancellationToken);
                if (admin.UserId == user.Id) throw UserRefusals.OwnMfaReset(user);

                await using var accounts = await SignInAccounts.JoinAsync(scopes, db, cancellationToken);
                var account = await accounts.OfAsync(userId, cancellationToken) ?? throw UserRefusals.NoSignInAccountForMfa(user);
                var hadMfa = account.TwoFactorEnabled;
                SignInAccounts.Ensure(await accounts.Manager.SetTwoFactorEnabledAsync(account, false));
                // A new key makes the old authenticator entry useless; it also renews the security stamp.
                SignInAccounts.Ensure(await accounts.Manager.ResetAuthenticatorKeyAsync(account));
                SignInAccounts.Ensure(await accounts.Manager.UpdateSecurityStampAsync(account));

                AuditTrail.Succeeded(db, admin, now, AuditAction.ResetUserMfa, user.UserPrincipalName,
                    new { MfaEnabled = hadMfa }, new { MfaEnabled = false }, targetId: userId);
                return true;
            }, cancellationToken);
}
