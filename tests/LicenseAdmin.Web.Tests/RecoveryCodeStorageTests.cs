using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests;

/// <summary>
/// Recovery codes are kept only as hashes: the database never holds a code the user was shown, each code signs in
/// once, and plain codes kept from before (Identity's default storage) are hashed at start-up and still sign in once.
/// </summary>
public sealed partial class RecoveryCodeStorageTests : IDisposable
{
    private const string Upn = "billing@contoso.com";
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task TheDatabase_NeverHoldsACodeTheUserWasShown_AtEnrolmentOrForNewCodes()
    {
        var client = _portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, Upn);
        var enrolmentCodes = await EnrolAsync(client);
        var newCodes = await NewCodesAsync(client);
        var stored = await StoredTextAsync();

        Assert.Equal(10, enrolmentCodes.Count);
        Assert.Equal(10, newCodes.Count);
        Assert.All(enrolmentCodes.Concat(newCodes), code => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$", code));
        Assert.DoesNotContain(enrolmentCodes.Concat(newCodes), code => stored.Contains(code, StringComparison.OrdinalIgnoreCase)
            || stored.Contains(code.Replace("-", ""), StringComparison.OrdinalIgnoreCase));
        Assert.Equal(10, RecoveryCodes.Split(await TokenAsync(RecoveryCodes.TokenProvider, RecoveryCodes.HashesName)).Count);
        Assert.Null(await TokenAsync(RecoveryCodes.PlainTokenProvider, RecoveryCodes.PlainName));
    }

    [Theory]
    [InlineData("en", "Error: The recovery code is not valid or was already used.")]
    [InlineData("da", "Fejl: Gendannelseskoden er ikke gyldig eller er allerede brugt.")]
    public async Task ACode_SignsInOnce_TheSecondTimeAndAWrongCodeAreRefusedWithTheMessage(string language, string refusal)
    {
        var client = _portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, Upn);
        var codes = await EnrolAsync(client);

        // Typed as people do: lower case, without the dashes.
        var first = await RecoveryCodeSignInAsync(language, codes[4].ToLowerInvariant().Replace("-", " "));
        var second = await RecoveryCodeSignInAsync(language, codes[4]);
        var wrong = await RecoveryCodeSignInAsync(language, "0000-0000-0000-0000");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(refusal, ErrorOf(await second.Content.ReadAsStringAsync()));
        Assert.Equal(refusal, ErrorOf(await wrong.Content.ReadAsStringAsync()));
        Assert.Equal(9, RecoveryCodes.Split(await TokenAsync(RecoveryCodes.TokenProvider, RecoveryCodes.HashesName)).Count);
    }

    [Fact]
    public async Task PlainCodesKeptFromBefore_AreHashedAtStartUp_AndStillSignInOnce()
    {
        var client = _portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, Upn);
        await EnrolAsync(client);
        // What Identity's own store kept: plain codes, joined by semicolons; no hashes.
        await WithDatabaseAsync(async db =>
        {
            var accountId = await AccountIdAsync(db);
            db.UserTokens.RemoveRange(db.UserTokens.Where(t => t.UserId == accountId && t.LoginProvider == RecoveryCodes.TokenProvider));
            db.UserTokens.Add(new IdentityUserToken<string>
            {
                UserId = accountId, LoginProvider = RecoveryCodes.PlainTokenProvider, Name = RecoveryCodes.PlainName,
                Value = "BCDFG-HJKMN;PQRTV-WXY23;45678-9BCDF",
            });
            await db.SaveChangesAsync();
        });

        // The next start of the portal on this database (a second instance, as after an upgrade).
        using var restarted = new PortalFactory().SharingTheDatabaseOf(_portal);
        var stored = await StoredTextAsync(restarted);
        var first = await RecoveryCodeSignInAsync("en", "PQRTV-WXY23", restarted);
        var second = await RecoveryCodeSignInAsync("en", "PQRTV-WXY23", restarted);

        Assert.DoesNotContain("PQRTV", stored);
        Assert.Null(await TokenAsync(RecoveryCodes.PlainTokenProvider, RecoveryCodes.PlainName, restarted));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("Error: The recovery code is not valid or was already used.", ErrorOf(await second.Content.ReadAsStringAsync()));
        Assert.Equal(2, RecoveryCodes.Split(await TokenAsync(RecoveryCodes.TokenProvider, RecoveryCodes.HashesName, restarted)).Count);
    }

    [Fact]
    public async Task PlainCodesWrittenWhileThePortalRuns_AreHashedWhenTheAccountsCodesAreCounted()
    {
        var client = _portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, Upn);
        await EnrolAsync(client);
        await WithDatabaseAsync(async db =>
        {
            db.UserTokens.Add(new IdentityUserToken<string>
            {
                UserId = await AccountIdAsync(db), LoginProvider = RecoveryCodes.PlainTokenProvider, Name = RecoveryCodes.PlainName,
                Value = "BCDFG-HJKMN;PQRTV-WXY23",
            });
            await db.SaveChangesAsync();
        });

        var page = await client.GetStringAsync("/Account/Manage/TwoFactorAuthentication");

        Assert.Contains("Recovery codes left: 2", page);
        Assert.Null(await TokenAsync(RecoveryCodes.PlainTokenProvider, RecoveryCodes.PlainName));
        Assert.DoesNotContain("HJKMN", await StoredTextAsync());
    }

    private async Task<HttpResponseMessage> RecoveryCodeSignInAsync(string language, string code, PortalFactory? portal = null)
    {
        var client = (portal ?? _portal).CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var signIn = await PortalFactory.SignInAsync(client, Upn);
        Assert.Contains("/Account/LoginWith2fa", signIn.Headers.Location!.OriginalString);
        return await PostFormAsync(client, "/Account/LoginWithRecoveryCode", "login-with-recovery-code", new() { ["Input.RecoveryCode"] = code });
    }

    private static async Task<List<string>> EnrolAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/Account/Manage/EnableAuthenticator");
        var key = SharedKey().Match(page).Groups[1].Value;
        var confirmed = await PostFormAsync(client, "/Account/Manage/EnableAuthenticator", "enable-authenticator", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, page);
        return ShownCode().Matches(await confirmed.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
    }

    private static async Task<List<string>> NewCodesAsync(HttpClient client)
    {
        var page = await PostFormAsync(client, "/Account/Manage/TwoFactorAuthentication", "new-recovery-codes", []);
        return ShownCode().Matches(await page.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string form, Dictionary<string, string> fields, string? page = null)
    {
        page ??= await client.GetStringAsync(path);
        fields["_handler"] = form;
        fields["__RequestVerificationToken"] = PortalFactory.AntiforgeryTokenOf(page);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Everything the database holds about the account: its row and every token it has, as text.</summary>
    private async Task<string> StoredTextAsync(PortalFactory? portal = null)
    {
        var text = "";
        await WithDatabaseAsync(async db =>
        {
            var accountId = await AccountIdAsync(db);
            var account = await db.Users.AsNoTracking().SingleAsync(u => u.Id == accountId);
            var tokens = await db.UserTokens.AsNoTracking().Where(t => t.UserId == accountId).ToListAsync();
            text = System.Text.Json.JsonSerializer.Serialize(account) + string.Join("\n", tokens.Select(t => $"{t.LoginProvider} {t.Name} {t.Value}"));
        }, portal);
        return text;
    }

    private async Task<string?> TokenAsync(string provider, string name, PortalFactory? portal = null)
    {
        string? value = null;
        await WithDatabaseAsync(async db =>
        {
            var accountId = await AccountIdAsync(db);
            value = (await db.UserTokens.AsNoTracking().SingleOrDefaultAsync(t => t.UserId == accountId && t.LoginProvider == provider && t.Name == name))?.Value;
        }, portal);
        return value;
    }

    private async Task WithDatabaseAsync(Func<AppDbContext, Task> work, PortalFactory? portal = null)
    {
        await using var scope = (portal ?? _portal).Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static Task<string> AccountIdAsync(AppDbContext db) => db.Users.Where(u => u.UserName == Upn).Select(u => u.Id).SingleAsync();

    private static string ErrorOf(string page) => System.Net.WebUtility.HtmlDecode(ErrorAlert().Match(page).Groups[1].Value);

    [GeneratedRegex("<kbd id=\"shared-key\">([a-z2-7 ]+)</kbd>")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><kbd>([^<]+)</kbd></li>")]
    private static partial Regex ShownCode();

    [GeneratedRegex("""<div class="alert alert-danger" role="alert">\s*(.*?)\s*</div>""", RegexOptions.Singleline)]
    private static partial Regex ErrorAlert();

    public void Dispose() => _portal.Dispose();
}
