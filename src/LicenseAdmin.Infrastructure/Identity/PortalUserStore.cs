using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>
/// Identity's user store with recovery codes kept as hashes (<see cref="RecoveryCodes"/>) instead of Identity's plain
/// text, so whoever reads the database cannot use them. Each code is removed when it signs in, and the account's
/// concurrency stamp (saved by the user manager) lets only one of two sign-ins racing with one code through.
/// Plain codes an account still has from before are hashed the first time the account's codes are touched
/// (and at start-up, <see cref="RecoveryCodeUpgrade"/>).
/// </summary>
public sealed class PortalUserStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<ApplicationUser, AppDbContext>(context, describer)
{
    public override async Task ReplaceCodesAsync(ApplicationUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        await RemoveTokenAsync(user, RecoveryCodes.PlainTokenProvider, RecoveryCodes.PlainName, cancellationToken);
        await SetTokenAsync(user, RecoveryCodes.TokenProvider, RecoveryCodes.HashesName,
            RecoveryCodes.Join(recoveryCodes.Select(code => RecoveryCodes.Hash(user.Id, code))), cancellationToken);
    }

    public override async Task<bool> RedeemCodeAsync(ApplicationUser user, string code, CancellationToken cancellationToken)
    {
        var hashes = await HashesAsync(user, cancellationToken);
        var match = RecoveryCodes.IndexOf(hashes, user.Id, code);
        if (match < 0) return false;
        hashes.RemoveAt(match);
        await SetTokenAsync(user, RecoveryCodes.TokenProvider, RecoveryCodes.HashesName, RecoveryCodes.Join(hashes), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var hadPlainCodes = await HashPlainCodesAsync(user, cancellationToken);
        // Counting saves nothing in Identity; a conversion is saved here so the plain codes do not stay.
        if (hadPlainCodes) await SaveChanges(cancellationToken);
        return RecoveryCodes.Split(await GetTokenAsync(user, RecoveryCodes.TokenProvider, RecoveryCodes.HashesName, cancellationToken)).Count;
    }

    private async Task<List<string>> HashesAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        await HashPlainCodesAsync(user, cancellationToken);
        return RecoveryCodes.Split(await GetTokenAsync(user, RecoveryCodes.TokenProvider, RecoveryCodes.HashesName, cancellationToken));
    }

    /// <summary>
    /// Plain codes left from before replace the hashes: plain codes beside hashes can only have been made later,
    /// by an instance of an earlier version during an upgrade.
    /// </summary>
    private async Task<bool> HashPlainCodesAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var plain = await GetTokenAsync(user, RecoveryCodes.PlainTokenProvider, RecoveryCodes.PlainName, cancellationToken);
        if (plain is null) return false;
        await ReplaceCodesAsync(user, RecoveryCodes.Split(plain), cancellationToken);
        return true;
    }
}
