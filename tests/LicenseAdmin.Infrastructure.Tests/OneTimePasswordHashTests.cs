using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Services.Users;
using Microsoft.AspNetCore.Identity;

namespace LicenseAdmin.Infrastructure.Tests;

/// <summary>Decision 0026: generated one-time passwords behind a salted SHA-256, everything else behind Identity's PBKDF2.</summary>
public sealed class OneTimePasswordHashTests
{
    private static readonly ApplicationUser Account = new() { Id = Guid.NewGuid().ToString(), UserName = "ida@contoso.com" };
    private readonly PortalPasswordHasher _hasher = new();

    [Fact]
    public void AOneTimePassword_Verifies_AndAsksForARehash()
    {
        var password = SignInAccounts.NewTemporaryPassword();

        var hash = PortalPasswordHasher.HashOneTimePassword(password);

        Assert.StartsWith("$otp1$", hash);
        Assert.DoesNotContain(password, hash);
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, _hasher.VerifyHashedPassword(Account, hash, password));
    }

    [Fact]
    public void TheSamePasswordTwice_GetsTwoDifferentSalts()
    {
        var password = SignInAccounts.NewTemporaryPassword();

        Assert.NotEqual(PortalPasswordHasher.HashOneTimePassword(password), PortalPasswordHasher.HashOneTimePassword(password));
    }

    [Fact]
    public void AWrongPassword_Fails()
    {
        var hash = PortalPasswordHasher.HashOneTimePassword(SignInAccounts.NewTemporaryPassword());

        Assert.Equal(PasswordVerificationResult.Failed, _hasher.VerifyHashedPassword(Account, hash, SignInAccounts.NewTemporaryPassword()));
        Assert.Equal(PasswordVerificationResult.Failed, _hasher.VerifyHashedPassword(Account, hash, ""));
    }

    [Fact]
    public void APasswordAPersonChose_IsHashedAndVerifiedByIdentitysPbkdf2()
    {
        var hash = _hasher.HashPassword(Account, "Test-password-2026");
        var identity = new PasswordHasher<ApplicationUser>();

        Assert.False(hash.StartsWith('$'));
        Assert.Equal(PasswordVerificationResult.Success, _hasher.VerifyHashedPassword(Account, hash, "Test-password-2026"));
        Assert.Equal(PasswordVerificationResult.Failed, _hasher.VerifyHashedPassword(Account, hash, "Test-password-2027"));
        Assert.Equal(PasswordVerificationResult.Success, identity.VerifyHashedPassword(Account, hash, "Test-password-2026"));
        Assert.Equal(PasswordVerificationResult.Success,
            _hasher.VerifyHashedPassword(Account, identity.HashPassword(Account, "Test-password-2026"), "Test-password-2026"));
    }

    [Theory]
    [InlineData("$otp1$")]
    [InlineData("$otp1$$")]
    [InlineData("$otp1$not base64$not base64")]
    [InlineData("$otp1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]
    [InlineData("$otp2$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void AMalformedOneTimeHash_Fails(string hash)
    {
        Assert.Equal(PasswordVerificationResult.Failed, _hasher.VerifyHashedPassword(Account, hash, "whatever-it-was-20ch"));
    }

    [Fact]
    public void ATamperedOneTimeHash_Fails()
    {
        var password = SignInAccounts.NewTemporaryPassword();
        var hash = PortalPasswordHasher.HashOneTimePassword(password);
        var parts = hash.Split('$');
        var digest = Convert.FromBase64String(parts[3]);
        digest[0] ^= 1;
        var salt = Convert.FromBase64String(parts[2]);
        salt[^1] ^= 1;

        Assert.Equal(PasswordVerificationResult.Failed,
            _hasher.VerifyHashedPassword(Account, $"$otp1${parts[2]}${Convert.ToBase64String(digest)}", password));
        Assert.Equal(PasswordVerificationResult.Failed,
            _hasher.VerifyHashedPassword(Account, $"$otp1${Convert.ToBase64String(salt)}${parts[3]}", password));
        Assert.Equal(PasswordVerificationResult.Failed, _hasher.VerifyHashedPassword(Account, hash + "A", password));
    }

    [Fact]
    public void AShortPassword_IsNotGivenTheFastHash()
    {
        Assert.Throws<ArgumentException>(() => PortalPasswordHasher.HashOneTimePassword("Test-password-2026"));
    }

    [Fact]
    public void TheRegisteredHasher_IsThePortals()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddLicenseAdminIdentity();

        var hasher = Assert.Single(services, d => d.ServiceType == typeof(IPasswordHasher<ApplicationUser>));
        Assert.Equal(typeof(PortalPasswordHasher), hasher.ImplementationType);
    }
}
