using System.Globalization;
using LicenseAdmin.Domain.Administration;
using Microsoft.AspNetCore.Identity;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>The shared key and its otpauth address, for showing as text and as a QR code.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri)
{
    /// <summary>The key in groups of four, easier to type into an app by hand.</summary>
    public string FormattedKey => string.Join(' ', SharedKey.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
}

/// <summary>
/// Setting up, confirming and resetting an account's authenticator app (Identity's TOTP support, RFC 6238:
/// 6 digits, 30-second steps). Confirming turns MFA on and returns <see cref="RecoveryCodeCount"/> single-use
/// recovery codes, shown once. Every change renews the security stamp, so the caller refreshes its own sign-in.
/// These are the account holder's own changes; each is audited (<see cref="OwnSecurityInfoAudit"/>).
/// </summary>
public sealed class AuthenticatorEnrolment(UserManager<ApplicationUser> users, OwnSecurityInfoAudit audit)
{
    public const string Issuer = "LicenseAdmin";
    public const int RecoveryCodeCount = 10;

    /// <summary>The account's key; a new one is made the first time (which renews the security stamp: <paramref name="keyCreated"/>).</summary>
    public async Task<(AuthenticatorSetup Setup, bool KeyCreated)> SetupAsync(ApplicationUser account)
    {
        var key = await users.GetAuthenticatorKeyAsync(account);
        var created = false;
        if (string.IsNullOrEmpty(key))
        {
            Ensure(await users.ResetAuthenticatorKeyAsync(account));
            key = await users.GetAuthenticatorKeyAsync(account) ?? throw new InvalidOperationException("No authenticator key was stored.");
            created = true;
        }
        return (new AuthenticatorSetup(key, AuthenticatorUri(account.UserName ?? account.Id, key)), created);
    }

    /// <summary>Turns MFA on when <paramref name="code"/> is the app's current code; returns the new recovery codes, or null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(ApplicationUser account, string code)
    {
        var token = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, token)) return null;
        Ensure(await users.SetTwoFactorEnabledAsync(account, true));
        var codes = await GenerateRecoveryCodesAsync(account);
        await audit.RecordAsync(account, AuditAction.RegisterSecurityInfo,
            new { MfaEnabled = false }, new { MfaEnabled = true, Method = "Authenticator app", RecoveryCodes = codes.Count });
        return codes;
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(ApplicationUser account)
    {
        var left = await users.CountRecoveryCodesAsync(account);
        var codes = await GenerateRecoveryCodesAsync(account);
        await audit.RecordAsync(account, AuditAction.NewRecoveryCodes, new { RecoveryCodes = left }, new { RecoveryCodes = codes.Count });
        return codes;
    }

    private async Task<IReadOnlyList<string>> GenerateRecoveryCodesAsync(ApplicationUser account) =>
        (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount) ?? []).ToList();

    /// <summary>MFA off and a new key: the old app entry stops working, and the account enrols again from the start.</summary>
    public async Task ResetAsync(ApplicationUser account)
    {
        var hadMfa = await users.GetTwoFactorEnabledAsync(account);
        Ensure(await users.SetTwoFactorEnabledAsync(account, false));
        Ensure(await users.ResetAuthenticatorKeyAsync(account));
        await audit.RecordAsync(account, AuditAction.DeleteSecurityInfo, new { MfaEnabled = hadMfa }, new { MfaEnabled = false });
    }

    private static string AuthenticatorUri(string userName, string key) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"The authenticator could not be changed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
