using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>
/// Writes every sign-in attempt to the audit log of the tenant it concerns (who, when, from which address, the
/// result) and to the application log. An unknown username is recorded in the tenant whose domain it names, so
/// a Global administrator sees guessing against their organisation; other unknown names go to the log only.
/// </summary>
public sealed class SignInAuditor(TenantDbContextFactory contexts, TimeProvider clock, ILogger<SignInAuditor> logger)
{
    private const int MaxNameLength = 256;

    public Task RecordAsync(string typedUserName, ApplicationUser? account, SignInResult result, string? clientAddress) =>
        RecordAsync(typedUserName, account, result, Describe(account, result), clientAddress);

    /// <summary>The second step: an authenticator code or a recovery code after the right password.</summary>
    public Task RecordSecondFactorAsync(ApplicationUser account, SignInResult result, string method, string? clientAddress) =>
        RecordAsync(account.UserName ?? "", account, result, result switch
        {
            { Succeeded: true } => $"signed in with {method}.",
            { IsLockedOut: true } => "refused: the account is locked out.",
            { IsNotAllowed: true } => "refused: the account is blocked from signing in.",
            _ => $"refused: the {method} was wrong.",
        }, clientAddress);

    private async Task RecordAsync(string typedUserName, ApplicationUser? account, SignInResult result, string outcome, string? clientAddress)
    {
        var name = Shorten(typedUserName.Trim().ToLowerInvariant());
        var address = clientAddress ?? "unknown address";
        logger.Log(result.Succeeded ? LogLevel.Information : LogLevel.Warning,
            "Sign-in by {UserName} from {ClientAddress}: {Result}", name, address, outcome);

        await using var db = await contexts.ForSystemAsync(CancellationToken.None);
        var tenantId = account?.TenantId ?? await TenantOfDomainAsync(db, name);
        if (tenantId is not { } tenant) return;
        var role = account is null ? "" : await RoleOfAsync(db, account);
        db.AuditEntries.Add(new AuditEntry(tenant, clock.GetUtcNow().UtcDateTime, name, role, AuditAction.SignIn, name,
            result.Succeeded ? AuditOutcome.Succeeded : AuditOutcome.Refused,
            after: Services.Auditing.AuditTrail.ToJson(new { ClientAddress = address }),
            detail: $"From {address}: {outcome}", targetId: account?.DirectoryUserId));
        // A sign-in is complete when it succeeds; "password accepted, waiting for the second factor" is not one.
        if (result.Succeeded && account?.DirectoryUserId is { } userId)
            await db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.Id == userId)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInUtc, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }

    private static string Describe(ApplicationUser? account, SignInResult result) => result switch
    {
        { Succeeded: true } => "signed in.",
        { RequiresTwoFactor: true } => "password accepted; waiting for the second factor.",
        { IsLockedOut: true } => "refused: the account is locked out.",
        { IsNotAllowed: true } => "refused: the account is blocked from signing in.",
        _ when account is null => "refused: no account has this username.",
        _ => "refused: the password was wrong.",
    };

    private static async Task<Guid?> TenantOfDomainAsync(AppDbContext db, string userName)
    {
        var at = userName.LastIndexOf('@');
        if (at < 0) return null;
        var domain = userName[(at + 1)..];
        return await db.Tenants.IgnoreQueryFilters().Where(t => t.InitialDomain == domain).Select(t => (Guid?)t.Id).FirstOrDefaultAsync();
    }

    private static async Task<string> RoleOfAsync(AppDbContext db, ApplicationUser account) =>
        (await db.DirectoryUsers.IgnoreQueryFilters().Where(u => u.Id == account.DirectoryUserId).Select(u => (AdminRoles?)u.Roles).FirstOrDefaultAsync())
            ?.DisplayName() ?? "";

    /// <summary>Whether a typed name could be an account's: not longer than a username may be, no control characters.</summary>
    public static bool IsPossibleUserName(string name) => name.Length <= MaxNameLength && !name.Any(char.IsControl);

    /// <summary>Fits the audit log: cut to the column's length, control characters (a NUL is refused by PostgreSQL) shown as U+FFFD.</summary>
    private static string Shorten(string name)
    {
        var visible = new string(name.Select(c => char.IsControl(c) ? '\uFFFD' : c).ToArray());
        return visible.Length <= MaxNameLength ? visible : visible[..MaxNameLength];
    }
}
