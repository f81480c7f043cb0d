using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using LicenseAdmin.Web.Tests.Support;

namespace LicenseAdmin.Web.Tests;

/// <summary>
/// The Change password page speaks the reader's language, English or Danish: its texts, its validation messages and
/// Identity's refusals (wrong current password, the password rules). The real portal renders and answers the form.
/// </summary>
public sealed partial class ChangePasswordPageTests : IDisposable
{
    private const string Path = "/Account/Manage/ChangePassword";
    private readonly PortalFactory _portal = new();

    public static TheoryData<string, string> Languages => new() { { "en", "billing@contoso.com" }, { "da", "serviceadmin@contoso.com" } };

    private static readonly Dictionary<string, Dictionary<string, string>> Texts = new()
    {
        ["en"] = new()
        {
            ["title"] = "Change password",
            ["rules"] = "Use at least 12 characters. Your username, a commonly used password, a run such as 123456 or fewer than 5 different characters are refused.",
            ["current"] = "Current password",
            ["confirm"] = "Confirm the new password",
            ["empty"] = "Enter your current password.",
            ["empty-new"] = "Enter a new password.",
            ["mismatch"] = "The new password and its confirmation do not match.",
            ["wrong-current"] = "Error: The current password is incorrect.",
            ["too-short"] = "Error: Passwords must be at least 12 characters.",
            ["too-long"] = "Error: Passwords must be at most 128 characters.",
            ["repeated"] = "Error: Passwords must use at least 5 different characters.",
            ["username"] = "Error: Passwords must not contain the username.",
            ["common"] = "Error: This password is on the list of commonly used passwords. Choose another.",
            ["run"] = "Error: Passwords must not be a run of consecutive characters such as abcdef or 123456.",
            ["changed"] = "Your password has been changed.",
        },
        ["da"] = new()
        {
            ["title"] = "Skift adgangskode",
            ["rules"] = "Brug mindst 12 tegn. Dit brugernavn, en almindeligt brugt adgangskode, en række som 123456 eller færre end 5 forskellige tegn afvises.",
            ["current"] = "Nuværende adgangskode",
            ["confirm"] = "Bekræft den nye adgangskode",
            ["empty"] = "Angiv din nuværende adgangskode.",
            ["empty-new"] = "Angiv en ny adgangskode.",
            ["mismatch"] = "Den nye adgangskode og bekræftelsen er ikke ens.",
            ["wrong-current"] = "Fejl: Den nuværende adgangskode er forkert.",
            ["too-short"] = "Fejl: Adgangskoder skal være på mindst 12 tegn.",
            ["too-long"] = "Fejl: Adgangskoder må højst være på 128 tegn.",
            ["repeated"] = "Fejl: Adgangskoder skal bruge mindst 5 forskellige tegn.",
            ["username"] = "Fejl: Adgangskoder må ikke indeholde brugernavnet.",
            ["common"] = "Fejl: Denne adgangskode er på listen over almindeligt brugte adgangskoder. Vælg en anden.",
            ["run"] = "Fejl: Adgangskoder må ikke være en række af på hinanden følgende tegn som abcdef eller 123456.",
            ["changed"] = "Din adgangskode er ændret.",
        },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task PageTexts_AndEveryRefusal_AreInTheReadersLanguage_AndNothingChangesUntilTheNewPasswordIsGood(string language, string upn)
    {
        var text = Texts[language];
        var client = Browser(language);
        var page = await PortalFactory.SignedInPageAsync(client, upn, Path);

        var empty = await PostAsync(client, "", "", "");
        var mismatch = await PostAsync(client, PortalFactory.Password, "plum kettle orbit 47", "plum kettle orbit 48");
        var wrongCurrent = await PostAsync(client, "not-the-password-at-all", "plum kettle orbit 47", "plum kettle orbit 47");
        var tooShort = await PostAsync(client, PortalFactory.Password, "kettle 47", "kettle 47");
        var tooLong = await PostAsync(client, PortalFactory.Password, new string('x', 10_000) + "plum kettle", new string('x', 10_000) + "plum kettle");
        var repeated = await PostAsync(client, PortalFactory.Password, "aaaaaaaaaaaa", "aaaaaaaaaaaa");
        var username = await PostAsync(client, PortalFactory.Password, upn + "-2026", upn + "-2026");
        var common = await PostAsync(client, PortalFactory.Password, "Password2026!", "Password2026!");
        var run = await PostAsync(client, PortalFactory.Password, "abcdefghijkl", "abcdefghijkl");

        Assert.Contains($"<h1>{Html(text["title"])}</h1>", page);
        Assert.Contains(Html(text["rules"]), page);
        Assert.Contains($">{Html(text["current"])}</label>", page);
        Assert.Contains($">{Html(text["confirm"])}</label>", page);
        Assert.Contains(Html(text["empty"]), empty);
        Assert.Contains(Html(text["empty-new"]), empty);
        Assert.Contains(Html(text["mismatch"]), mismatch);
        Assert.Equal(("danger", text["wrong-current"]), StatusOf(wrongCurrent));
        Assert.Equal(("danger", text["too-short"]), StatusOf(tooShort));
        Assert.Equal(("danger", text["too-long"]), StatusOf(tooLong));
        Assert.Equal(("danger", text["repeated"]), StatusOf(repeated));
        Assert.Equal(("danger", text["username"]), StatusOf(username));
        Assert.Equal(("danger", text["common"]), StatusOf(common));
        Assert.Equal(("danger", text["run"]), StatusOf(run));
        // None of these changed the password: the old one still signs in.
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(_portal.CreateBrowserLikeClient(), upn)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task AGoodNewPassword_IsSaid_InTheReadersLanguage_AndSignsInFromThen(string language, string upn)
    {
        var client = Browser(language);
        var page = await PortalFactory.SignedInPageAsync(client, upn, Path);

        var changed = await client.PostAsync(Path, Form(page, PortalFactory.Password, "plum kettle orbit 47", "plum kettle orbit 47"));
        var after = await client.GetStringAsync(changed.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(("success", Texts[language]["changed"]), StatusOf(after));
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(_portal.CreateBrowserLikeClient(), upn, "plum kettle orbit 47")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PortalFactory.SignInAsync(_portal.CreateBrowserLikeClient(), upn)).StatusCode);
    }

    private HttpClient Browser(string language)
    {
        var client = _portal.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    private static async Task<string> PostAsync(HttpClient client, string current, string next, string confirm)
    {
        var page = await client.GetStringAsync(Path);
        var response = await client.PostAsync(Path, Form(page, current, next, confirm));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static FormUrlEncodedContent Form(string page, string current, string next, string confirm) => new(new Dictionary<string, string>
    {
        ["_handler"] = "change-password",
        ["__RequestVerificationToken"] = PortalFactory.AntiforgeryTokenOf(page),
        ["Input.OldPassword"] = current,
        ["Input.NewPassword"] = next,
        ["Input.ConfirmPassword"] = confirm,
    });

    private static string Html(string text) => HtmlEncoder.Default.Encode(text);

    /// <summary>The page's status message: its kind (danger, success) and its exact sentence.</summary>
    private static (string Kind, string Text) StatusOf(string page)
    {
        var alert = StatusAlert().Match(page);
        Assert.True(alert.Success, "The page shows no status message.");
        return (alert.Groups[1].Value, WebUtility.HtmlDecode(alert.Groups[2].Value));
    }

    [GeneratedRegex("""<div class="alert alert-(\w+)" role="alert">\s*(.*?)\s*</div>""", RegexOptions.Singleline)]
    private static partial Regex StatusAlert();

    public void Dispose() => _portal.Dispose();
}
