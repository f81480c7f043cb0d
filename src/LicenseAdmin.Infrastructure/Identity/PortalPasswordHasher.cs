using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>
/// Identity's password hasher (PBKDF2) for every password a person chooses, plus a fast form for one-time passwords the
/// portal generates itself (decision 0026). A generated password has ~117 random bits, so a salted SHA-256 of it is as
/// hard to search offline as PBKDF2 would make it, and an import of 10,000 users no longer spends minutes hashing inside
/// its transaction. The fast form is <c>$otp1$</c>, the salt and the SHA-256 of salt and password, both in base64: the
/// <c>$</c> is outside base64, so it cannot be mistaken for Identity's formats. A successful check asks Identity to
/// re-hash (<see cref="PasswordVerificationResult.SuccessRehashNeeded"/>), so the first sign-in stores a PBKDF2 hash.
/// </summary>
public sealed class PortalPasswordHasher(IOptions<PasswordHasherOptions>? options = null) : IPasswordHasher<ApplicationUser>
{
    public const string OneTimePrefix = "$otp1$";
    /// <summary>Fewer random characters than a generated one-time password has would not be safe behind a fast hash.</summary>
    public const int MinOneTimeLength = 20;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly PasswordHasher<ApplicationUser> _identity = new(options);

    public string HashPassword(ApplicationUser user, string password) => _identity.HashPassword(user, password);

    /// <summary>
    /// The fast hash of a one-time password the system generated (never one a person chose). Thread-safe; the account is not read.
    /// </summary>
    public static string HashOneTimePassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinOneTimeLength)
            throw new ArgumentException($"A one-time password behind a fast hash has at least {MinOneTimeLength} generated characters.", nameof(password));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return $"{OneTimePrefix}{Convert.ToBase64String(salt)}${Convert.ToBase64String(Digest(salt, password))}";
    }

    public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        ArgumentNullException.ThrowIfNull(hashedPassword);
        ArgumentNullException.ThrowIfNull(providedPassword);
        // Identity's hashes are base64, which has no '$': a hash starting with one is the portal's, of this or an unknown version.
        if (!hashedPassword.StartsWith('$')) return _identity.VerifyHashedPassword(user, hashedPassword, providedPassword);

        // A wrong guess costs one PBKDF2 check here too, so a failed sign-in takes as long for an account with a one-time
        // password as for any other, and timing tells no one which accounts have not signed in yet.
        UnknownUserHashing.Verify(this, providedPassword);
        return hashedPassword.StartsWith(OneTimePrefix, StringComparison.Ordinal) && Matches(hashedPassword, providedPassword)
            ? PasswordVerificationResult.SuccessRehashNeeded
            : PasswordVerificationResult.Failed;
    }

    private static bool Matches(string hashedPassword, string providedPassword)
    {
        var parts = hashedPassword[OneTimePrefix.Length..].Split('$');
        if (parts.Length != 2) return false;
        Span<byte> salt = stackalloc byte[SaltBytes];
        Span<byte> expected = stackalloc byte[HashBytes];
        if (!Convert.TryFromBase64String(parts[0], salt, out var saltLength) || saltLength != SaltBytes) return false;
        if (!Convert.TryFromBase64String(parts[1], expected, out var hashLength) || hashLength != HashBytes) return false;
        return CryptographicOperations.FixedTimeEquals(Digest(salt, providedPassword), expected);
    }

    private static byte[] Digest(ReadOnlySpan<byte> salt, string password)
    {
        var bytes = new byte[salt.Length + Encoding.UTF8.GetByteCount(password)];
        salt.CopyTo(bytes);
        Encoding.UTF8.GetBytes(password, bytes.AsSpan(salt.Length));
        return SHA256.HashData(bytes);
    }
}
