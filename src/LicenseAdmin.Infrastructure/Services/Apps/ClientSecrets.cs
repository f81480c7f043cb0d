using System.Security.Cryptography;
using System.Text;

namespace LicenseAdmin.Infrastructure.Services.Apps;

/// <summary>Makes client secrets and checks them against their stored hash.</summary>
public static class ClientSecrets
{
    public const int HintLength = 3;

    /// <summary>40 characters from 30 random bytes (240 bits), URL-safe so it can be pasted into a form body unescaped.</summary>
    public static string Create() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    public static string HintOf(string secret) => secret[..HintLength];
}
