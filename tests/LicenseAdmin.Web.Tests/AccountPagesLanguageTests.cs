using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using LicenseAdmin.Web.Tests.Support;

namespace LicenseAdmin.Web.Tests;

/// <summary>
/// The account pages (sign-in, both second steps, authenticator set-up and the two-factor page) speak the browser's
/// language, English or Danish, down to their error and validation messages. The real portal renders them.
/// </summary>
public sealed partial class AccountPagesLanguageTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    public static TheoryData<string, string> Languages => new() { { "en", "billing@contoso.com" }, { "da", "serviceadmin@contoso.com" } };

    private static readonly Dictionary<string, Dictionary<string, string>> Texts = new()
    {
        ["en"] = new()
        {
            ["sign-in"] = "Sign in",
            ["remember"] = "Keep me signed in",
            ["wrong-password"] = "Error: The username or password is incorrect.",
            ["no-username"] = "Enter your username, e.g. name@contoso.com.",
            ["mfa-off"] = "Two-factor authentication is off for your account.",
            ["set-up"] = "Scan this QR code with the app, or type the key into it:",
            ["codes"] = "Save these recovery codes somewhere safe now.",
            ["mfa-on"] = "Recovery codes left: 10",
            ["second-step"] = "Open your authenticator app and enter the 6-digit code it shows for LicenseAdmin.",
            ["remember-browser"] = "Remember this browser for 14 days",
            ["wrong-code"] = "Error: The authenticator code is not valid. Enter the code your app shows now.",
            ["recovery"] = "Enter one of the recovery codes you saved when you set up your authenticator app.",
            ["wrong-recovery"] = "Error: The recovery code is not valid or was already used.",
        },
        ["da"] = new()
        {
            ["sign-in"] = "Log på",
            ["remember"] = "Forbliv logget på",
            ["wrong-password"] = "Fejl: Brugernavnet eller adgangskoden er forkert.",
            ["no-username"] = "Angiv dit brugernavn, f.eks. navn@contoso.com.",
            ["mfa-off"] = "Totrinsgodkendelse er slået fra for din konto.",
            ["set-up"] = "Scan denne QR-kode med appen, eller skriv nøglen i den:",
            ["codes"] = "Gem disse gendannelseskoder et sikkert sted nu.",
            ["mfa-on"] = "Gendannelseskoder tilbage: 10",
            ["second-step"] = "Åbn din godkendelsesapp, og angiv den 6-cifrede kode, den viser for LicenseAdmin.",
            ["remember-browser"] = "Husk denne browser i 14 dage",
            ["wrong-code"] = "Fejl: Godkendelseskoden er ikke gyldig. Angiv den kode, din app viser nu.",
            ["recovery"] = "Angiv en af de gendannelseskoder, du gemte, da du konfigurerede din godkendelsesapp.",
            ["wrong-recovery"] = "Fejl: Gendannelseskoden er ikke gyldig eller er allerede brugt.",
        },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task SignInPage_AndItsMessages_AreInTheBrowsersLanguage(string language, string upn)
    {
        var text = Texts[language];
        var client = Browser(language);

        var page = await client.GetStringAsync("/Account/Login");
        var wrong = await PortalFactory.SignInAsync(client, upn, "not-the-password-at-all");
        var empty = await client.PostAsync("/Account/Login", PortalFactory.SignInForm(page, "", ""));

        Assert.Contains($"<h1>{Html(text["sign-in"])}</h1>", page);
        Assert.Contains(Html(text["remember"]), page);
        Assert.Contains($"<div class=\"alert alert-danger\" role=\"alert\">{Html(text["wrong-password"])}", Normalised(await wrong.Content.ReadAsStringAsync()));
        Assert.Contains(Html(text["no-username"]), await empty.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task TwoFactorPages_FromSetUpToTheSecondSignInStep_AreInTheBrowsersLanguage(string language, string upn)
    {
        var text = Texts[language];
        var client = Browser(language);
        await PortalFactory.SignInAsync(client, upn);

        var twoFactorOff = await client.GetStringAsync("/Account/Manage/TwoFactorAuthentication");
        var setUp = await client.GetStringAsync("/Account/Manage/EnableAuthenticator");
        var key = SharedKey().Match(setUp).Groups[1].Value;
        var confirmed = await PostAsync(client, "/Account/Manage/EnableAuthenticator", setUp, "enable-authenticator", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        var twoFactorOn = await client.GetStringAsync("/Account/Manage/TwoFactorAuthentication");

        var next = Browser(language);
        var signIn = await PortalFactory.SignInAsync(next, upn);
        var secondStepPath = signIn.Headers.Location!.OriginalString;
        var secondStep = await next.GetStringAsync(secondStepPath);
        var wrongCode = await PostAsync(next, secondStepPath, secondStep, "login-with-2fa", new() { ["Input.TwoFactorCode"] = "000000" });
        var recovery = await next.GetStringAsync("/Account/LoginWithRecoveryCode");
        var wrongRecovery = await PostAsync(next, "/Account/LoginWithRecoveryCode", recovery, "login-with-recovery-code", new() { ["Input.RecoveryCode"] = "no-such-code" });

        Assert.Contains(Html(text["mfa-off"]), twoFactorOff);
        Assert.Contains(Html(text["set-up"]), setUp);
        Assert.Contains(Html(text["codes"]), await confirmed.Content.ReadAsStringAsync());
        Assert.Contains(Html(text["mfa-on"]), twoFactorOn);
        Assert.Contains(Html(text["second-step"]), secondStep);
        Assert.Contains(Html(text["remember-browser"]), secondStep);
        Assert.Contains(Html(text["wrong-code"]), await wrongCode.Content.ReadAsStringAsync());
        Assert.Contains(Html(text["recovery"]), recovery);
        Assert.Contains(Html(text["wrong-recovery"]), await wrongRecovery.Content.ReadAsStringAsync());
    }

    private HttpClient Browser(string language)
    {
        var client = _portal.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string page, string form, Dictionary<string, string> fields)
    {
        fields["_handler"] = form;
        fields["__RequestVerificationToken"] = PortalFactory.AntiforgeryTokenOf(page);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The page writes text HTML-encoded (å, æ, ø as character references; the encoder leaves plain ASCII as it is).</summary>
    private static string Html(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);

    private static string Normalised(string html) => Whitespace().Replace(html, " ").Replace("role=\"alert\"> ", "role=\"alert\">");

    [GeneratedRegex("<kbd id=\"shared-key\">([a-z2-7 ]+)</kbd>")]
    private static partial Regex SharedKey();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public void Dispose() => _portal.Dispose();
}
