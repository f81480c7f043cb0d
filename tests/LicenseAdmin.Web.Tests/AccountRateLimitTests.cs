using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests;

/// <summary>
/// The per-address rate limit covers every account form an attacker can repeat: the password step, the authenticator
/// code and recovery code steps, the password change and the authenticator set-up. Each case posts from an address of
/// its own (the portal sits behind a trusted proxy), so each proves its own form is limited: two real attempts are
/// answered, the third is a 429 with the refusal in the reader's language.
/// </summary>
public sealed partial class AccountRateLimitTests(AccountRateLimitTests.LimitedPortal portal) : IClassFixture<AccountRateLimitTests.LimitedPortal>
{
    private const string Proxy = "10.0.0.1";

    public static TheoryData<string, string, string> Cases => new()
    {
        // form, language, the address its posts come from
        { "sign-in", "en", "198.51.100.1" },
        { "sign-in", "da", "198.51.100.2" },
        { "authenticator-code", "en", "198.51.100.3" },
        { "authenticator-code", "da", "198.51.100.4" },
        { "recovery-code", "en", "198.51.100.5" },
        { "recovery-code", "da", "198.51.100.6" },
        { "change-password", "en", "198.51.100.7" },
        { "change-password", "da", "198.51.100.8" },
        { "authenticator-set-up", "en", "198.51.100.9" },
        { "authenticator-set-up", "da", "198.51.100.10" },
    };

    private static readonly Dictionary<string, string> Refusal = new()
    {
        ["en"] = "Too many attempts from your address. Wait a minute and try again.",
        ["da"] = "For mange forsøg fra din adresse. Vent et minut, og prøv igen.",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryAccountForm_FromOneAddress_IsAnsweredTwice_ThenRefusedWith429_InTheReadersLanguage(string form, string language, string address)
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var (path, formName, fields) = await PrepareAsync(client, form, language);

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 3; attempt++)
            answers.Add(await PostFromAsync(client, address, path, formName, fields));

        Assert.All(answers.Take(2), answer => Assert.NotEqual(HttpStatusCode.TooManyRequests, answer.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[2].StatusCode);
        Assert.Equal(Refusal[language], await answers[2].Content.ReadAsStringAsync());
        Assert.Equal("60", answers[2].Headers.GetValues("Retry-After").Single());
    }

    /// <summary>
    /// Brings the browser to the form (signed in, or at the second step, through another address) and gives the form's
    /// wrong answer, as a guesser would repeat it.
    /// </summary>
    private async Task<(string Path, string Form, Dictionary<string, string> Fields)> PrepareAsync(HttpClient client, string form, string language)
    {
        var setUpAddress = $"192.0.2.{Interlocked.Increment(ref portal.NextSetUpAddress)}";
        switch (form)
        {
            case "sign-in":
                return ("/Account/Login", "login", new() { ["Input.UserName"] = "billing@contoso.com", ["Input.Password"] = "not-the-password-at-all" });
            case "authenticator-code":
            case "recovery-code":
                var upn = portal.Enrolled[$"{form}-{language}"];
                var signIn = await PostFromAsync(client, setUpAddress, "/Account/Login", "login", new() { ["Input.UserName"] = upn, ["Input.Password"] = PortalFactory.Password });
                Assert.Contains("/Account/LoginWith2fa", signIn.Headers.Location!.OriginalString);
                return form == "authenticator-code"
                    ? ("/Account/LoginWith2fa", "login-with-2fa", new() { ["Input.TwoFactorCode"] = "000000" })
                    : ("/Account/LoginWithRecoveryCode", "login-with-recovery-code", new() { ["Input.RecoveryCode"] = "0000-0000-0000-0000" });
            default:
                var signedIn = await PostFromAsync(client, setUpAddress, "/Account/Login", "login", new() { ["Input.UserName"] = "user@contoso.com", ["Input.Password"] = PortalFactory.Password });
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
                return form == "change-password"
                    ? ("/Account/Manage/ChangePassword", "change-password",
                        new() { ["Input.OldPassword"] = "not-the-password-at-all", ["Input.NewPassword"] = "plum kettle orbit 47", ["Input.ConfirmPassword"] = "plum kettle orbit 47" })
                    : ("/Account/Manage/EnableAuthenticator", "enable-authenticator", new() { ["Input.Code"] = "000000" });
        }
    }

    /// <summary>Posts the form with the page's antiforgery token, as sent by a browser at <paramref name="address"/> through the proxy.</summary>
    private static async Task<HttpResponseMessage> PostFromAsync(HttpClient client, string address, string path, string form, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var content = new Dictionary<string, string>(fields) { ["_handler"] = form, ["__RequestVerificationToken"] = PortalFactory.AntiforgeryTokenOf(page) };
        using var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(content) };
        post.Headers.Add("X-Forwarded-For", address);
        return await client.SendAsync(post);
    }

    /// <summary>One portal behind a trusted proxy, two posts a minute per address, and four accounts with an authenticator app.</summary>
    public sealed partial class LimitedPortal : IDisposable
    {
        public int NextSetUpAddress;

        public LimitedPortal()
        {
            Factory = new PortalFactory()
                .With("Security:SignInRateLimit:PermitLimit", "2")
                .With("Security:ForwardedHeaders:KnownProxies:0", Proxy)
                .WithServices(services => services.AddSingleton<IStartupFilter>(new ConnectionFromProxy()));
            foreach (var upn in Enrolled.Values) EnrolAsync(upn).GetAwaiter().GetResult();
        }

        public PortalFactory Factory { get; }

        /// <summary>Who answers each second step, so no account collects enough failures to be locked out.</summary>
        public Dictionary<string, string> Enrolled { get; } = new()
        {
            ["authenticator-code-en"] = "licenseadmin@contoso.com",
            ["authenticator-code-da"] = "serviceadmin@contoso.com",
            ["recovery-code-en"] = "passwordadmin@contoso.com",
            ["recovery-code-da"] = "useradmin@contoso.com",
        };

        private async Task EnrolAsync(string upn)
        {
            var client = Factory.CreateBrowserLikeClient();
            var address = $"192.0.2.{Interlocked.Increment(ref NextSetUpAddress)}";
            await PostFromAsync(client, address, "/Account/Login", "login", new() { ["Input.UserName"] = upn, ["Input.Password"] = PortalFactory.Password });
            var page = await client.GetStringAsync("/Account/Manage/EnableAuthenticator");
            var key = SharedKey().Match(page).Groups[1].Value;
            var confirmed = await PostFromAsync(client, address, "/Account/Manage/EnableAuthenticator", "enable-authenticator", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        [GeneratedRegex("<kbd id=\"shared-key\">([a-z2-7 ]+)</kbd>")]
        private static partial Regex SharedKey();

        public void Dispose() => Factory.Dispose();
    }

    /// <summary>The in-memory server has no network connection; every request comes from the trusted proxy.</summary>
    private sealed class ConnectionFromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextStep) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(Proxy);
                return nextStep(context);
            });
            next(app);
        };
    }
}
