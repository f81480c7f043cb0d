using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Mfa;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Account;

/// <summary>Resetting another user's MFA and the tenant's "require MFA for administrators" setting.</summary>
public sealed class MfaServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private UserService Users => _database.Services.GetRequiredService<UserService>();
    private SecuritySettingsService Settings => _database.Services.GetRequiredService<SecuritySettingsService>();
    private MfaEnrolmentCheck Check => _database.Services.GetRequiredService<MfaEnrolmentCheck>();

    [Fact]
    public async Task ResetMfa_ByAGlobalAdmin_TurnsItOff_WithANewKeyAndStamp_AndIsAudited()
    {
        var before = await EnrolAsync(Demo.LicenseAdmin);
        var target = await _database.UserAsync(Demo.LicenseAdmin);

        await Users.ResetMfaAsync(await _database.CallerAsync(Demo.GlobalAdmin), target.Id, CancellationToken.None);

        var after = await AccountAsync(Demo.LicenseAdmin);
        Assert.False(after.TwoFactorEnabled);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.NotEqual(before.Key, await KeyAsync(after));
        var entry = Assert.Single(await _database.AuditAsync(AuditAction.ResetUserMfa));
        Assert.Equal((AuditOutcome.Succeeded, Demo.GlobalAdmin, Demo.LicenseAdmin, target.Id), (entry.Outcome, entry.ActorUpn, entry.Target, entry.TargetId));
    }

    [Fact]
    public async Task ResetMfa_ByALicenseAdmin_IsRefusedWithTheReason_ChangesNothing_AndIsAudited()
    {
        var before = await EnrolAsync(Demo.UserAdmin);
        var target = await _database.UserAsync(Demo.UserAdmin);

        var licenseAdmin = await _database.CallerAsync(Demo.LicenseAdmin);

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => Users.ResetMfaAsync(licenseAdmin, target.Id, CancellationToken.None));

        const string expected = "Your role (License administrator) does not allow resetting multi-factor authentication.";
        Assert.Equal(expected, error.Message);
        var after = await AccountAsync(Demo.UserAdmin);
        Assert.True(after.TwoFactorEnabled);
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
        var refusal = Assert.Single(await _database.AuditAsync(AuditAction.ResetUserMfa));
        Assert.Equal((AuditOutcome.Refused, Demo.LicenseAdmin, expected), (refusal.Outcome, refusal.ActorUpn, refusal.Detail));
    }

    [Fact]
    public async Task ResetMfa_OfOnesOwnAccount_IsRefused_PointingToTheAccountPage()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);

        var error = await Assert.ThrowsAsync<UserChangeRefusedException>(() => Users.ResetMfaAsync(caller, caller.UserId, CancellationToken.None));

        Assert.Equal("You cannot reset your own multi-factor authentication (admin@contoso.com) here; use the Two-factor authentication page of your account.", error.Message);
    }

    [Fact]
    public async Task RequireMfaSetting_TurnedOnByAGlobalAdmin_IsSaved_Audited_AndSendsAdminsWithoutMfaToEnrolment()
    {
        var admin = await _database.CallerAsync(Demo.GlobalAdmin);
        var licenseAdmin = await AccountAsync(Demo.LicenseAdmin);
        Assert.False(await Settings.RequiresMfaForAdminsAsync(admin, CancellationToken.None));
        Assert.False(await Check.MustEnrolAsync(DemoDataSeeder.ContosoId, licenseAdmin.Id, CancellationToken.None));

        await Settings.SetRequireMfaForAdminsAsync(admin, true, CancellationToken.None);

        Assert.True(await Settings.RequiresMfaForAdminsAsync(admin, CancellationToken.None));
        Assert.True(await Check.MustEnrolAsync(DemoDataSeeder.ContosoId, licenseAdmin.Id, CancellationToken.None));
        Assert.False(await Check.MustEnrolAsync(DemoDataSeeder.ContosoId, (await AccountAsync(Demo.NoRole)).Id, CancellationToken.None));
        var entry = Assert.Single(await _database.AuditAsync(AuditAction.UpdateSecuritySettings));
        Assert.Equal((AuditOutcome.Succeeded, Demo.GlobalAdmin, SecuritySettingsService.Target), (entry.Outcome, entry.ActorUpn, entry.Target));
        Assert.Equal("{\"requireMfaForAdmins\":false}", entry.Before);
        Assert.Equal("{\"requireMfaForAdmins\":true}", entry.After);
    }

    [Fact]
    public async Task RequireMfaSetting_ChangedByAUserAdmin_IsRefusedWithTheReason()
    {
        var error = await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await Settings.SetRequireMfaForAdminsAsync(await _database.CallerAsync(Demo.UserAdmin), true, CancellationToken.None));

        Assert.Equal("Your role (User administrator) does not allow changing security settings.", error.Message);
        Assert.False(await Settings.RequiresMfaForAdminsAsync(await _database.CallerAsync(Demo.GlobalAdmin), CancellationToken.None));
        Assert.Equal(AuditOutcome.Refused, Assert.Single(await _database.AuditAsync(AuditAction.UpdateSecuritySettings)).Outcome);
    }

    [Fact]
    public async Task Enrolment_WithTheAppsCurrentCode_TurnsMfaOn_AndGivesTenSingleUseRecoveryCodes()
    {
        await using var scope = _database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var enrolment = scope.ServiceProvider.GetRequiredService<AuthenticatorEnrolment>();
        var account = (await users.FindByNameAsync(Demo.LicenseAdmin))!;
        var (setup, _) = await enrolment.SetupAsync(account);

        var wrongCode = Totp.Code(setup.SharedKey, _database.Clock.GetUtcNow().AddHours(1));
        Assert.Null(await enrolment.ConfirmAsync(account, wrongCode));
        Assert.False(await users.GetTwoFactorEnabledAsync(account));
        var codes = await enrolment.ConfirmAsync(account, Totp.Code(setup.SharedKey, _database.Clock.GetUtcNow()));

        Assert.NotNull(codes);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.True(await users.GetTwoFactorEnabledAsync(account));
        Assert.StartsWith("otpauth://totp/LicenseAdmin:licenseadmin%40contoso.com?secret=", setup.AuthenticatorUri);
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(account, codes[0])).Succeeded);
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(account, codes[0])).Succeeded);
        Assert.Equal(9, await users.CountRecoveryCodesAsync(account));
    }

    [Fact]
    public async Task AuthenticatorCode_IsAcceptedOnce_AndNeitherItNorAnEarlierStepsCodeIsAcceptedAgain()
    {
        await using var scope = _database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = (await users.FindByNameAsync(Demo.ServiceAdmin))!;
        var (setup, _) = await scope.ServiceProvider.GetRequiredService<AuthenticatorEnrolment>().SetupAsync(account);
        var provider = users.Options.Tokens.AuthenticatorTokenProvider;
        var code = Totp.Code(setup.SharedKey, _database.Clock.GetUtcNow());

        var first = await users.VerifyTwoFactorTokenAsync(account, provider, code);
        var replayedAtOnce = await users.VerifyTwoFactorTokenAsync(account, provider, code);
        _database.Clock.Advance(TimeSpan.FromSeconds(30));
        var replayedInTheNextStep = await users.VerifyTwoFactorTokenAsync(account, provider, code);
        var nextStepsCode = await users.VerifyTwoFactorTokenAsync(account, provider, Totp.Code(setup.SharedKey, _database.Clock.GetUtcNow()));
        var previousStepsCode = await users.VerifyTwoFactorTokenAsync(account, provider, Totp.Code(setup.SharedKey, _database.Clock.GetUtcNow().AddSeconds(-30)));

        Assert.Equal([true, false, false, true, false], new[] { first, replayedAtOnce, replayedInTheNextStep, nextStepsCode, previousStepsCode });
    }

    private async Task<(string? SecurityStamp, string? Key)> EnrolAsync(string upn)
    {
        await using var scope = _database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = (await users.FindByNameAsync(upn))!;
        await users.ResetAuthenticatorKeyAsync(account);
        await users.SetTwoFactorEnabledAsync(account, true);
        return (account.SecurityStamp, await users.GetAuthenticatorKeyAsync(account));
    }

    private async Task<ApplicationUser> AccountAsync(string upn)
    {
        await using var db = await _database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.Users.AsNoTracking().SingleAsync(a => a.UserName == upn);
    }

    private async Task<string?> KeyAsync(ApplicationUser account)
    {
        await using var scope = _database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(account.Id))!);
    }
}
