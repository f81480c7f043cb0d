using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace LicenseAdmin.Infrastructure.Identity;

/// <summary>
/// Verifies a sign-in password against a throw-away hash made once per process by the same hasher, so signing in
/// with an unknown username takes as long as with a known one.
/// </summary>
internal static class UnknownUserHashing
{
    private static readonly ApplicationUser Nobody = new();
    private static string? _hash;

    public static void Verify(IPasswordHasher<ApplicationUser> hasher, string password)
    {
        _hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(Nobody, _hash, password);
    }
}
