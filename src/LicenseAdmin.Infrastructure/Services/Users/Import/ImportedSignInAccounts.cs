using System.Security.Cryptography;
using LicenseAdmin.Domain;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Services.Users.Import;

/// <summary>
/// The sign-in accounts of an import, each with a one-time password that is returned once and stored only hashed. The
/// account is the one <see cref="UserManager{TUser}.CreateAsync(TUser, string)"/> makes (normalized names, a security
/// stamp, lockout on, the password rules checked), but the usernames are checked against existing accounts with one query
/// per thousand, the one-time passwords get the fast hash of <see cref="PortalPasswordHasher"/>, and the rows go in with
/// <see cref="BulkInsert"/>: one by one, Identity's create costs a query and a save per account besides the hash.
/// </summary>
internal static class ImportedSignInAccounts
{
    public static async Task<List<ImportedAccount>> CreateAsync(
        IServiceScopeFactory scopes, AppDbContext db, Guid tenantId, List<ImportedAccount> added, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var accounts = new ApplicationUser[added.Count];
        var passwords = new string[added.Count];
        for (var i = 0; i < added.Count; i++)
        {
            var user = added[i];
            accounts[i] = new ApplicationUser
            {
                Id = Guid.CreateVersion7().ToString(), UserName = user.UserPrincipalName, Email = user.UserPrincipalName, EmailConfirmed = true,
                NormalizedUserName = manager.NormalizeName(user.UserPrincipalName), NormalizedEmail = manager.NormalizeEmail(user.UserPrincipalName),
                TenantId = tenantId, DirectoryUserId = user.UserId, LockoutEnabled = manager.Options.Lockout.AllowedForNewUsers,
                SecurityStamp = SecurityStamp(),
            };
            passwords[i] = SignInAccounts.NewTemporaryPassword();
            await RequireValidAsync(manager, accounts[i], passwords[i], user);
        }

        await RequireFreeUsernamesAsync(db, manager, accounts, added, cancellationToken);
        // Generated passwords of ~117 random bits: a salted SHA-256 each (decision 0026); the first sign-in re-hashes with PBKDF2.
        if (manager.PasswordHasher is not PortalPasswordHasher)
            throw new InvalidOperationException("Imported one-time passwords need PortalPasswordHasher as Identity's password hasher.");
        for (var i = 0; i < accounts.Length; i++) accounts[i].PasswordHash = PortalPasswordHasher.HashOneTimePassword(passwords[i]);
        foreach (var chunk in accounts.Chunk(UserImportService.BatchSize)) await BulkInsert.InsertAsync(db, chunk, cancellationToken);
        return added.Select((user, i) => user with { Password = passwords[i] }).ToList();
    }

    // Identity's own stamp is 20 random bytes in base 32; the same randomness in hex is as good and needs no encoder.
    private static string SecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    /// <summary>The username's characters and the password's rules, as Identity's create checks them; nothing here reads the database.</summary>
    private static async Task RequireValidAsync(UserManager<ApplicationUser> manager, ApplicationUser account, string password, ImportedAccount user)
    {
        var allowed = manager.Options.User.AllowedUserNameCharacters;
        if (!string.IsNullOrEmpty(allowed) && account.UserName!.Any(c => !allowed.Contains(c)))
            throw Refused(user, manager.ErrorDescriber.InvalidUserName(account.UserName).Description);
        foreach (var validator in manager.PasswordValidators)
        {
            var result = await validator.ValidateAsync(manager, account, password);
            if (!result.Succeeded) throw Refused(user, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>An account may outlive its directory user's username (a deleted user of another organisation): such a name is refused, as Identity refuses it.</summary>
    private static async Task RequireFreeUsernamesAsync(
        AppDbContext db, UserManager<ApplicationUser> manager, ApplicationUser[] accounts, List<ImportedAccount> added, CancellationToken cancellationToken)
    {
        var index = accounts.Select((a, i) => (a.NormalizedUserName!, i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.Ordinal);
        foreach (var chunk in index.Keys.Chunk(IdChunks.Size))
        {
            var taken = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(a => EF.Parameter(chunk).Contains(a.NormalizedUserName!))
                .Select(a => a.NormalizedUserName!).FirstOrDefaultAsync(cancellationToken);
            if (taken is not null)
            {
                var user = added[index[taken]];
                throw Refused(user, manager.ErrorDescriber.DuplicateUserName(user.UserPrincipalName).Description);
            }
        }
    }

    private static UserImportRefusedException Refused(ImportedAccount user, string reason) =>
        new([new DomainMessage("ImportAccountRefused", "Line {Line}: the sign-in account of {User} could not be created: {Reason}",
            new { user.Line, User = user.UserPrincipalName, Reason = reason })]);
}
