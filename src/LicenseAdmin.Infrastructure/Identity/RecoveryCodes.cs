using System.Security.Cryptography;
using System.Text;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>
/// Recovery codes as the portal makes, shows and keeps them. A code is 16 characters of Crockford's Base32
/// (80 random bits), shown as XXXX-XXXX-XXXX-XXXX. Only a SHA-256 hash of each code is stored, salted with the
/// account's id: with 80 random bits a fast hash is enough, as nobody can try 2^80 guesses against a copied
/// database. Reading a code back is forgiving: case, spaces and dashes do not matter, and O, I and L read as 0, 1, 1.
/// </summary>
public static class RecoveryCodes
{
    /// <summary>Where the hashes are kept: Identity's user tokens, under this login provider and name.</summary>
    public const string TokenProvider = "[LicenseAdminRecoveryCodes]";
    public const string HashesName = "Sha256";

    /// <summary>Where Identity keeps plain codes (the portal did so before it hashed them; see decision 0012).</summary>
    public const string PlainTokenProvider = "[AspNetUserStore]";
    public const string PlainName = "RecoveryCodes";

    public const int Length = 16;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new code, in groups of four.</summary>
    public static string New() => string.Join('-', RandomNumberGenerator.GetString(Alphabet, Length).Chunk(4).Select(g => new string(g)));

    /// <summary>The hash kept for <paramref name="code"/> of the account <paramref name="accountId"/>.</summary>
    public static string Hash(string accountId, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{accountId}:{Normalised(code)}")));

    /// <summary>The stored form of a set of hashes (one token value).</summary>
    public static string Join(IEnumerable<string> hashes) => string.Join(';', hashes);

    public static List<string> Split(string? stored) => (stored ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>The index of the hash <paramref name="code"/> matches in <paramref name="hashes"/>, or -1; every hash is compared in full.</summary>
    public static int IndexOf(IReadOnlyList<string> hashes, string accountId, string code)
    {
        var candidate = Encoding.ASCII.GetBytes(Hash(accountId, code));
        var found = -1;
        for (var i = 0; i < hashes.Count; i++)
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hashes[i]), candidate) && found < 0) found = i;
        return found;
    }

    /// <summary>Upper case, without spaces and dashes, with the letters Crockford's Base32 reads as digits mapped.</summary>
    public static string Normalised(string code)
    {
        var builder = new StringBuilder(code.Length);
        foreach (var c in code.ToUpperInvariant())
        {
            if (c is ' ' or '-' or '\t') continue;
            builder.Append(c switch { 'O' => '0', 'I' or 'L' => '1', _ => c });
        }
        return builder.ToString();
    }
}
