using System.Net;
using System.Text.RegularExpressions;
using LicenseAdmin.Web.Tests.Support;

namespace LicenseAdmin.Web.Tests;

/// <summary>
/// The two second sign-in steps (authenticator code, recovery code) follow only local return addresses: a link to them
/// carrying an absolute or protocol-relative ReturnUrl signs the user in and goes home, never off-site, never a 500.
/// </summary>
public sealed partial class SecondStepRedirectTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string EnrolmentPath = "/Account/Manage/EnableAuthenticator";

    [Theory]
    [InlineData("https://evil.example/", "licenseadmin@contoso.com")]
    [InlineData("//evil.example/", "useradmin@contoso.com")]
    [InlineData("/\\evil.example/", "serviceadmin@contoso.com")]
    public async Task AuthenticatorStep_WithAForeignReturnUrl_SignsInAndGoesHome(string returnUrl, string upn)
    {
        var (key, _) = await EnrolledAsync(upn);
        var client = await PasswordStepAsync(upn);
        var path = "/Account/LoginWith2fa?ReturnUrl=" + Uri.EscapeDataString(returnUrl);

        var page = await client.GetAsync(path);
        var response = await PostFormAsync(client, path, "login-with-2fa",
            new() { ["Input.TwoFactorCode"] = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)) }, await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", PortalPath(response));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my-account")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/", "billing@contoso.com")]
    [InlineData("//evil.example/", "user@contoso.com")]
    [InlineData("/\\evil.example/", "admin@contoso.com")]
    public async Task RecoveryCodeStep_WithAForeignReturnUrl_SignsInAndGoesHome(string returnUrl, string upn)
    {
        var (_, codes) = await EnrolledAsync(upn);
        var client = await PasswordStepAsync(upn);
        var path = "/Account/LoginWithRecoveryCode?ReturnUrl=" + Uri.EscapeDataString(returnUrl);

        var page = await client.GetAsync(path);
        var response = await PostFormAsync(client, path, "login-with-recovery-code",
            new() { ["Input.RecoveryCode"] = codes[0] }, await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", PortalPath(response));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my-account")).StatusCode);
    }

    /// <summary>A fresh browser past the password step, now asked for the second factor.</summary>
    private async Task<HttpClient> PasswordStepAsync(string upn)
    {
        var client = portal.CreateBrowserLikeClient();
        var signIn = await PortalFactory.SignInAsync(client, upn);
        Assert.Contains("/Account/LoginWith2fa", signIn.Headers.Location!.OriginalString);
        return client;
    }

    /// <summary>Signs in with the password, sets up the authenticator as the app would, and signs out.</summary>
    private async Task<(string Key, List<string> RecoveryCodes)> EnrolledAsync(string upn)
    {
        var client = portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, upn)).StatusCode);
        var page = await client.GetStringAsync(EnrolmentPath);
        var key = SharedKey().Match(page).Groups[1].Value;
        Assert.NotEmpty(key);
        var confirmed = await PostFormAsync(client, EnrolmentPath, "enable-authenticator", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, page);
        var html = await confirmed.Content.ReadAsStringAsync();
        Assert.Contains("Save these recovery codes somewhere safe now.", html);
        return (key, RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList());
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string form, Dictionary<string, string> fields, string page)
    {
        fields["_handler"] = form;
        fields["__RequestVerificationToken"] = PortalFactory.AntiforgeryTokenOf(page);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The redirect's path, after checking that an absolute redirect stays on the portal.</summary>
    private static string PortalPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        if (!location.IsAbsoluteUri) return location.OriginalString;
        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }

    [GeneratedRegex("<kbd id=\"shared-key\">([a-z2-7 ]+)</kbd>")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><kbd>([^<]+)</kbd></li>")]
    private static partial Regex RecoveryCode();
}
