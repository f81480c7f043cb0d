using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>
/// Identity's authenticator check (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) with one rule added: a code
/// signs in once. Identity accepts the same code again for as long as its window lasts, so a code seen over a
/// shoulder or caught by a phishing page could be replayed. Here the time step of the last accepted code is kept
/// per account (Identity's user tokens table, so no schema change), and only a later step is accepted (RFC 6238
/// section 5.2). One step of clock drift either way is allowed.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider clock) : AuthenticatorTokenProvider<ApplicationUser>
{
    /// <summary>Where the last accepted step is kept: Identity's user tokens, under this login provider and name.</summary>
    public const string TokenProvider = "[LicenseAdminAuthenticator]";
    public const string LastUsedStepName = "LastUsedTimeStep";

    private const int StepSeconds = 30;
    private const int AllowedDriftSteps = 1;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;

        var step = MatchingStep(Base32.Decode(key), token, clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds);
        if (step is null) return false;

        var lastUsed = long.TryParse(await manager.GetAuthenticationTokenAsync(user, TokenProvider, LastUsedStepName),
            NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : long.MinValue;
        if (step <= lastUsed) return false;
        // Saved with the account's concurrency stamp: of two requests racing with one code, only one is saved.
        var saved = await manager.SetAuthenticationTokenAsync(user, TokenProvider, LastUsedStepName, step.Value.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }

    private static long? MatchingStep(byte[] key, string token, long currentStep)
    {
        for (var step = currentStep - AllowedDriftSteps; step <= currentStep + AllowedDriftSteps; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(token)))
                return step;
        }
        return null;
    }

    /// <summary>The 6-digit code of one time step (RFC 4226 dynamic truncation).</summary>
    public static string Code(byte[] key, long step)
    {
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The Base32 alphabet of RFC 4648, as Identity writes authenticator keys.</summary>
    private static class Base32
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        public static byte[] Decode(string text)
        {
            var bits = 0;
            var buffer = 0;
            var bytes = new List<byte>(text.Length * 5 / 8);
            foreach (var c in text.ToUpperInvariant())
            {
                var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
                if (value < 0) continue;
                buffer = ((buffer << 5) | value) & 0xFFFF; // only the bits not yet written are needed
                bits += 5;
                if (bits < 8) continue;
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
            return [.. bytes];
        }
    }
}
