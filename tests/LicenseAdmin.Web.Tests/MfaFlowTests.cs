using System.Net;
using System.Text.RegularExpressions;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests;

/// <summary>
/// MFA through the real portal: Contoso requires MFA for administrators here (the demo seeds it off). Each test
/// uses its own account, so they share one portal.
/// </summary>
public sealed partial class MfaFlowTests(MfaFlowTests.RequiredMfaPortal portal) : IClassFixture<MfaFlowTests.RequiredMfaPortal>
{
    private const string EnrolmentPath = "/Account/Manage/EnableAuthenticator";

    [Fact]
    public async Task AdminWithoutMfa_WhenTheTenantRequiresIt_IsSentToEnrolment_FromEveryAdminPageAndExport()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, "billing@contoso.com")).StatusCode);

        foreach (var path in new[] { "/", "/billing", "/my-account", "/users", "/users/export.csv" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} answered {response.StatusCode}");
            Assert.Equal(EnrolmentPath, response.Headers.Location!.OriginalString);
        }
        var enrolment = await client.GetStringAsync(EnrolmentPath);
        Assert.Contains("Your organisation requires administrators to sign in with an authenticator app. Set it up to continue.", enrolment);
        Assert.Matches("src=\"data:image/svg(\\+|&#x2B;)xml;base64,", enrolment);
        Assert.Contains("id=\"qr-code\"", enrolment);
    }

    [Fact]
    public async Task UserWithoutAdminRole_IsNotAskedToEnrol()
    {
        var client = portal.Factory.CreateBrowserLikeClient();

        var page = await PortalFactory.SignedInPageAsync(client, "user@contoso.com", "/my-account");

        Assert.Contains("Lynne Robbins", page);
    }

    [Fact]
    public async Task Enrolment_WithTheAppsCode_ShowsTenRecoveryCodes_ThenTheNextSignInNeedsTheSecondStep()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "useradmin@contoso.com");
        var (key, codes) = await EnrolAsync(client);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users")).StatusCode);

        var next = portal.Factory.CreateBrowserLikeClient();
        var signIn = await PortalFactory.SignInAsync(next, "useradmin@contoso.com");
        var secondStep = signIn.Headers.Location!.IsAbsoluteUri ? signIn.Headers.Location.PathAndQuery : signIn.Headers.Location.OriginalString;
        Assert.StartsWith("/Account/LoginWith2fa", secondStep);
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/users")).StatusCode);

        var wrong = await PostFormAsync(next, secondStep, "login-with-2fa", new() { ["Input.TwoFactorCode"] = Totp.Code(key, DateTimeOffset.UtcNow.AddHours(2)) });
        Assert.Contains("The authenticator code is not valid. Enter the code your app shows now.", await wrong.Content.ReadAsStringAsync());

        var right = await PostFormAsync(next, secondStep, "login-with-2fa", new() { ["Input.TwoFactorCode"] = NextCode(key) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/users")).StatusCode);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce_AndIsRefusedTheSecondTime()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "passwordadmin@contoso.com");
        var (_, codes) = await EnrolAsync(client);

        var first = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(first, "passwordadmin@contoso.com");
        var used = await PostFormAsync(first, "/Account/LoginWithRecoveryCode", "login-with-recovery-code", new() { ["Input.RecoveryCode"] = codes[3] });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/users")).StatusCode);

        var second = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(second, "passwordadmin@contoso.com");
        var again = await PostFormAsync(second, "/Account/LoginWithRecoveryCode", "login-with-recovery-code", new() { ["Input.RecoveryCode"] = codes[3] });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("The recovery code is not valid or was already used.", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/users")).StatusCode);
    }

    [Fact]
    public async Task RememberThisBrowser_SkipsTheSecondStep_AtTheNextSignIn()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "serviceadmin@contoso.com");
        var (key, _) = await EnrolAsync(client);
        var signIn = await PortalFactory.SignInAsync(client, "serviceadmin@contoso.com");
        Assert.Contains("/Account/LoginWith2fa", signIn.Headers.Location!.OriginalString);
        var step = await PostFormAsync(client, signIn.Headers.Location.PathAndQuery, "login-with-2fa",
            new() { ["Input.TwoFactorCode"] = NextCode(key), ["Input.RememberMachine"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, step.StatusCode);

        var rememberedSignIn = await PortalFactory.SignInAsync(client, "serviceadmin@contoso.com");
        Assert.Equal(HttpStatusCode.Redirect, rememberedSignIn.StatusCode);
        Assert.DoesNotContain("LoginWith2fa", rememberedSignIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AuthenticatorCode_OnceUsed_IsRefusedAtTheNextSignIn_WithinItsTimeStep()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        // Fabrikam does not require MFA here; its admin sets it up of their own accord (the Contoso accounts serve the other tests).
        await PortalFactory.SignInAsync(client, "admin@fabrikam.com");
        var (key, _) = await EnrolAsync(client);
        var code = NextCode(key);

        var enrolmentCodeAgain = await SecondStepAsync("admin@fabrikam.com", Totp.Code(key, DateTimeOffset.UtcNow));
        var first = await SecondStepAsync("admin@fabrikam.com", code);
        var replay = await SecondStepAsync("admin@fabrikam.com", code);

        Assert.Contains("The authenticator code is not valid. Enter the code your app shows now.", await enrolmentCodeAgain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("The authenticator code is not valid. Enter the code your app shows now.", await replay.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OwnMfaChanges_SetUpNewRecoveryCodesAndReset_AreInTheAuditLog_WithTheUserAsActor()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "licenseadmin@contoso.com");
        await EnrolAsync(client);
        var newCodes = await PostFormAsync(client, "/Account/Manage/TwoFactorAuthentication", "new-recovery-codes", new());
        Assert.Contains("Save these recovery codes somewhere safe now.", await newCodes.Content.ReadAsStringAsync());
        var reset = await PostFormAsync(client, "/Account/Manage/TwoFactorAuthentication", "reset-authenticator", new());
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        var log = await portal.Factory.Services.GetRequiredService<AuditLogService>().QueryAsync(
            await SessionEndTests.CallerAsync(portal.Factory, "admin@contoso.com"), new AuditLogQuery { Actor = "licenseadmin@contoso.com" }, CancellationToken.None);

        Assert.Equal(
            [
                (AuditAction.DeleteSecurityInfo, "licenseadmin@contoso.com", "License administrator"),
                (AuditAction.NewRecoveryCodes, "licenseadmin@contoso.com", "License administrator"),
                (AuditAction.RegisterSecurityInfo, "licenseadmin@contoso.com", "License administrator"),
            ],
            log.Rows.Where(r => r.Action != AuditAction.SignIn).Select(r => (r.Action, r.Target, r.Role)));
    }

    /// <summary>What the app shows 30 seconds later: the enrolment used the current step's code, and a code signs in once.</summary>
    private static string NextCode(string key) => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30));

    /// <summary>A fresh browser signs in with the password and answers the authenticator step with <paramref name="code"/>.</summary>
    private async Task<HttpResponseMessage> SecondStepAsync(string upn, string code)
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        var signIn = await PortalFactory.SignInAsync(client, upn);
        var secondStep = signIn.Headers.Location!.IsAbsoluteUri ? signIn.Headers.Location.PathAndQuery : signIn.Headers.Location.OriginalString;
        Assert.StartsWith("/Account/LoginWith2fa", secondStep);
        return await PostFormAsync(client, secondStep, "login-with-2fa", new() { ["Input.TwoFactorCode"] = code });
    }

    /// <summary>Opens the set-up page, reads the key as the app would from the QR code, and confirms with the current code.</summary>
    private static async Task<(string Key, List<string> RecoveryCodes)> EnrolAsync(HttpClient client)
    {
        var page = await client.GetStringAsync(EnrolmentPath);
        var key = SharedKey().Match(page).Groups[1].Value;
        Assert.NotEmpty(key);
        var confirmed = await PostFormAsync(client, EnrolmentPath, "enable-authenticator", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, page);
        var html = await confirmed.Content.ReadAsStringAsync();
        Assert.Contains("Save these recovery codes somewhere safe now.", html);
        return (key, RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList());
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string form, Dictionary<string, string> fields, string? page = null)
    {
        page ??= await client.GetStringAsync(path);
        fields["_handler"] = form;
        fields["__RequestVerificationToken"] = PortalFactory.AntiforgeryTokenOf(page);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<kbd id=\"shared-key\">([a-z2-7 ]+)</kbd>")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><kbd>([^<]+)</kbd></li>")]
    private static partial Regex RecoveryCode();

    /// <summary>The portal with Contoso requiring MFA for administrators.</summary>
    public sealed class RequiredMfaPortal : IDisposable
    {
        public RequiredMfaPortal()
        {
            using var scope = Factory.Services.CreateScope();
            var contexts = scope.ServiceProvider.GetRequiredService<TenantDbContextFactory>();
            using var db = contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None).GetAwaiter().GetResult();
            db.Tenants.Single().SetRequireMfaForAdmins(true);
            db.SaveChanges();
        }

        public PortalFactory Factory { get; } = new();

        public void Dispose() => Factory.Dispose();
    }
}
