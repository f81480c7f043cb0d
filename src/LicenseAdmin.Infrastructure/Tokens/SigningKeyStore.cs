using System.Security.Cryptography;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Tokens;

/// <summary>A signing key ready for use: its id, its RSA key and when it was made.</summary>
public sealed record SigningKeyMaterial(string Id, RSA Key, DateTime CreatedUtc);

/// <summary>
/// The API's token signing keys, kept in the database with their private part protected by Data Protection, so every
/// host signs with the same key and validates every host's tokens. A key signs for <see cref="RotationPeriod"/>; then
/// a new one is made, and the previous one still validates until the last token it signed has expired.
/// </summary>
public sealed class SigningKeyStore(TenantDbContextFactory contexts, IDataProtectionProvider dataProtection, TimeProvider clock)
{
    public static readonly TimeSpan RotationPeriod = TimeSpan.FromDays(30);

    /// <summary>How long a retired key keeps validating: the longest token lifetime plus clock skew.</summary>
    public static readonly TimeSpan RetiredKeyGrace = TimeSpan.FromHours(1) + TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("LicenseAdmin.Api.SigningKeys.v1");
    private readonly SemaphoreSlim _creating = new(1, 1);

    /// <summary>The key to sign new tokens with; made (or rotated) here when there is none younger than the rotation period.</summary>
    public async Task<SigningKeyMaterial> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var newest = await NewestAsync(cancellationToken);
        if (newest is not null && now - newest.CreatedUtc < RotationPeriod) return newest;

        await _creating.WaitAsync(cancellationToken);
        try
        {
            // Another request of this host may have made it while we waited; another host may too, and then both keys
            // validate and the newest signs, which is harmless.
            newest = await NewestAsync(cancellationToken);
            if (newest is not null && now - newest.CreatedUtc < RotationPeriod) return newest;
            using var rsa = RSA.Create(2048);
            var id = Base64Url(RandomNumberGenerator.GetBytes(16));
            await using var db = await contexts.ForSystemAsync(cancellationToken);
            db.ApiSigningKeys.Add(new ApiSigningKey(id, _protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())), now));
            await db.SaveChangesAsync(cancellationToken);
            return (await NewestAsync(cancellationToken))!;
        }
        finally
        {
            _creating.Release();
        }
    }

    /// <summary>Every key a token may still be signed with: the current one, and retired ones within their grace.</summary>
    public async Task<IReadOnlyList<SigningKeyMaterial>> ValidationKeysAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        var rows = await db.ApiSigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedUtc).Take(10).ToListAsync(cancellationToken);
        // A key retires when the next one is made; it validates until every token it signed has expired.
        var valid = rows.Where((row, index) => index == 0 || now - rows[index - 1].CreatedUtc < RetiredKeyGrace);
        return valid.Select(Unprotect).ToList();
    }

    private async Task<SigningKeyMaterial?> NewestAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        var row = await db.ApiSigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedUtc).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Unprotect(row);
    }

    private SigningKeyMaterial Unprotect(ApiSigningKey row)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(_protector.Unprotect(row.ProtectedPrivateKey)), out _);
        return new SigningKeyMaterial(row.Id, rsa, row.CreatedUtc);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
