using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>
/// At start-up, hashes the plain recovery codes accounts still have from before the portal hashed them (Identity's
/// default storage), so no usable code stays in the database. Each account keeps its codes: the same codes sign in,
/// now checked against their hashes. (<see cref="PortalUserStore"/> does the same for an account whose plain codes
/// an instance of an earlier version writes during an upgrade.)
/// </summary>
public static class RecoveryCodeUpgrade
{
    public static async Task<int> HashPlainCodesAsync(AppDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var plain = await db.UserTokens
            .Where(t => t.LoginProvider == RecoveryCodes.PlainTokenProvider && t.Name == RecoveryCodes.PlainName)
            .ToListAsync(cancellationToken);
        if (plain.Count == 0) return 0;

        var accountIds = plain.Select(t => t.UserId).ToList();
        var hashed = await db.UserTokens
            .Where(t => t.LoginProvider == RecoveryCodes.TokenProvider && t.Name == RecoveryCodes.HashesName && accountIds.Contains(t.UserId))
            .ToDictionaryAsync(t => t.UserId, cancellationToken);
        foreach (var token in plain)
        {
            var hashes = RecoveryCodes.Join(RecoveryCodes.Split(token.Value).Select(code => RecoveryCodes.Hash(token.UserId, code)));
            if (hashed.TryGetValue(token.UserId, out var existing)) existing.Value = hashes;
            else db.UserTokens.Add(new IdentityUserToken<string>
            {
                UserId = token.UserId, LoginProvider = RecoveryCodes.TokenProvider, Name = RecoveryCodes.HashesName, Value = hashes,
            });
            db.UserTokens.Remove(token);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another instance starting at the same time converted them first; each account's store converts what is left.
            logger.LogWarning(ex, "The plain recovery codes of {Count} accounts were not hashed at start-up; they are hashed at their next use", plain.Count);
            return 0;
        }
        logger.LogInformation("Hashed the plain recovery codes of {Count} accounts", plain.Count);
        return plain.Count;
    }
}
