using System.Net;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests;

/// <summary>
/// The portal's door as an outsider and as each role sees it over HTTP: which pages and exports each role reaches,
/// form posts without their antiforgery token, foreign return addresses and hostile sign-in input. The service-side
/// matrix and cross-tenant attempts are in the infrastructure tests (SecurityMatrixTests, UserServiceRoleTests).
/// </summary>
public sealed class SecuritySuiteTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string AccessDeniedText = "Your role does not allow this page. Ask a global administrator if you need access.";

    private static readonly string[] Paths =
        ["/", "/my-account", "/users", "/users/deleted", "/licenses", "/users/export.csv", "/billing", "/audit", "/audit/export.csv", "/settings/apps"];

    private static readonly string[] Everyone = ["/", "/my-account"];
    private static readonly string[] Directory = ["/users", "/users/deleted", "/licenses", "/users/export.csv", "/audit", "/audit/export.csv"];

    /// <summary>The role table of docs/product-rules.md as pages: the paths each role reaches; every other path is refused.</summary>
    public static TheoryData<string, string[]> Reachable => new()
    {
        { "admin@contoso.com", Paths },
        { "billing@contoso.com", [.. Everyone, .. Directory, "/billing"] },
        { "useradmin@contoso.com", [.. Everyone, .. Directory] },
        { "licenseadmin@contoso.com", [.. Everyone, .. Directory] },
        { "serviceadmin@contoso.com", [.. Everyone, .. Directory] },
        { "passwordadmin@contoso.com", [.. Everyone, .. Directory] },
        // Home sends an account without an admin role on to My account.
        { "user@contoso.com", ["/my-account"] },
    };

    [Theory]
    [MemberData(nameof(Reachable))]
    public async Task EachRole_ReachesExactlyItsPagesAndExports_AndIsToldWhyElsewhere(string upn, string[] reachable)
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, upn)).StatusCode);

        var outcomes = new List<string>();
        foreach (var path in Paths)
        {
            var response = await client.GetAsync(path);
            var location = response.Headers.Location?.OriginalString ?? "";
            outcomes.Add(response.StatusCode == HttpStatusCode.OK ? $"{path}: allowed"
                : location.Contains("/Account/AccessDenied", StringComparison.Ordinal) ? $"{path}: refused"
                : response.StatusCode == HttpStatusCode.Redirect ? $"{path}: sent to {PortalPath(response)}"
                : $"{path}: {(int)response.StatusCode}");
        }
        var refusal = await client.GetStringAsync("/Account/AccessDenied");

        Assert.Equal(Paths.Select(p => reachable.Contains(p) ? $"{p}: allowed" : p == "/" ? "/: sent to /my-account" : $"{p}: refused"), outcomes);
        Assert.Contains(AccessDeniedText, refusal);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn_FromEveryPageAndExport()
    {
        var client = portal.Factory.CreateBrowserLikeClient();

        foreach (var path in Paths.Append("/Account/Manage/TwoFactorAuthentication").Append("/Account/Manage/EnableAuthenticator").Append("/Account/Manage/ChangePassword"))
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} answered {response.StatusCode}");
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Every form post of the portal (its interactive pages talk over the circuit, not with form posts).</summary>
    public static TheoryData<string, string> FormPosts => new()
    {
        { "/Account/Login", "login" },
        { "/Account/LoginWith2fa", "login-with-2fa" },
        { "/Account/LoginWithRecoveryCode", "login-with-recovery-code" },
        { "/Account/Manage/EnableAuthenticator", "enable-authenticator" },
        { "/Account/Manage/TwoFactorAuthentication", "new-recovery-codes" },
        { "/Account/Manage/TwoFactorAuthentication", "forget-browser" },
        { "/Account/Manage/TwoFactorAuthentication", "reset-authenticator" },
        { "/Account/Manage/ChangePassword", "change-password" },
        { "/Account/Logout", "" },
    };

    [Theory]
    [MemberData(nameof(FormPosts))]
    public async Task FormPost_OfASignedInUser_WithoutItsAntiforgeryToken_IsABadRequest_AndChangesNothing(string path, string form)
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "passwordadmin@contoso.com");

        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = form,
            ["Input.Code"] = "123456",
            ["Input.OldPassword"] = PortalFactory.Password,
            ["Input.NewPassword"] = "A-new-password-for-csrf",
            ["Input.ConfirmPassword"] = "A-new-password-for-csrf",
        }));
        var stillSignedIn = await client.GetAsync("/users");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    [Fact]
    public async Task FormPost_WithAnotherBrowsersAntiforgeryToken_IsABadRequest()
    {
        var victim = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(victim, "passwordadmin@contoso.com");
        var attacker = portal.Factory.CreateBrowserLikeClient();
        var attackersPage = await PortalFactory.SignedInPageAsync(attacker, "user@contoso.com", "/Account/Manage/ChangePassword");

        var response = await victim.PostAsync("/Account/Manage/ChangePassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryTokenOf(attackersPage),
            ["Input.OldPassword"] = PortalFactory.Password,
            ["Input.NewPassword"] = "A-new-password-for-csrf",
            ["Input.ConfirmPassword"] = "A-new-password-for-csrf",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public static TheoryData<string> ForeignAddresses => new()
    {
        "https://evil.example/", "//evil.example/", "/\\evil.example/", "\\\\evil.example/", "https:evil.example", "javascript:alert(1)",
        "/\t/evil.example/", "http://localhost.evil.example/",
    };

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    public async Task ForeignReturnAddresses_OnSignInAndLanguage_StayOnThePortal_NeverAnError(string returnUrl)
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        var form = await client.GetStringAsync("/Account/Login");

        var signIn = await client.PostAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            PortalFactory.SignInForm(form, "serviceadmin@contoso.com", PortalFactory.Password));
        var language = await client.GetAsync("/culture/set?culture=en&returnUrl=" + Uri.EscapeDataString(returnUrl));

        // Most go home; "https:evil.example" is read as a relative path and becomes the portal's own "/https:evil.example".
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.True(Security.LocalUrl.IsLocal(PortalPath(signIn)), PortalPath(signIn));
        Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
        Assert.True(Security.LocalUrl.IsLocal(PortalPath(language)), PortalPath(language));
    }

    public static TheoryData<string, string> HostileUsernames => new()
    {
        { "script", "<script>alert(1)</script>@contoso.com" },
        { "10,000 characters", new string('a', 10_000) + "@contoso.com" },
        { "right-to-left mark", "\u202Emoc.osotnoc@nimda" },
        { "formula", "=HYPERLINK(\"https://evil.example\")" },
        { "tab and bell", "admin\t\u0007@contoso.com" },
    };

    [Theory]
    [MemberData(nameof(HostileUsernames))]
    public async Task SignIn_WithHostileUsernames_AnswersThePlainRefusal_AndEchoesNoMarkup(string kind, string userName)
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        var form = await client.GetStringAsync("/Account/Login");

        var response = await client.PostAsync("/Account/Login", PortalFactory.SignInForm(form, userName, "not-the-password-at-all"));
        var page = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{kind}: {response.StatusCode}");
        Assert.Contains("Error: The username or password is incorrect.", page);
        Assert.DoesNotContain("<script>alert(1)</script>", page);
    }

    [Fact]
    public async Task SignIn_WithANulCharacter_IsRefusedAsABadRequest_NeverAnError()
    {
        var client = portal.Factory.CreateBrowserLikeClient();
        var form = await client.GetStringAsync("/Account/Login");

        var response = await client.PostAsync("/Account/Login", PortalFactory.SignInForm(form, "admin\u0000@contoso.com", "not-the-password-at-all"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>Every leading character a spreadsheet reads as a formula, in both exports, downloaded as an admin would.</summary>
    [Fact]
    public async Task EveryExport_EscapesEveryFormulaLeadingCharacter()
    {
        string[] payloads = ["=SUM(1+1)", "+SUM(1+1)", "-SUM(1+1)", "@SUM(1+1)", "\t=SUM(1+1)", "\r=SUM(1+1)"];
        await using (var db = await portal.Factory.Services.GetRequiredService<Infrastructure.Persistence.TenantDbContextFactory>()
            .ForTenantAsync(Infrastructure.Persistence.Seeding.DemoDataSeeder.ContosoId, CancellationToken.None))
        {
            var users = await db.DirectoryUsers.Where(u => u.UserPrincipalName.StartsWith("formula") || u.Department == "Sales")
                .OrderBy(u => u.UserPrincipalName).Take(payloads.Length).ToListAsync();
            Assert.Equal(payloads.Length, users.Count);
            for (var i = 0; i < payloads.Length; i++)
            {
                await db.DirectoryUsers.Where(u => u.Id == users[i].Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.Department, payloads[i]));
                db.AuditEntries.Add(new Domain.Administration.AuditEntry(Infrastructure.Persistence.Seeding.DemoDataSeeder.ContosoId, DateTime.UtcNow,
                    "admin@contoso.com", "Global administrator", "Update user", payloads[i], Domain.Administration.AuditOutcome.Succeeded, detail: payloads[i]));
            }
            await db.SaveChangesAsync();
        }
        var client = portal.Factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, "admin@contoso.com");

        foreach (var export in new[] { "/users/export.csv", "/audit/export.csv" })
        {
            var cells = Cells(await client.GetStringAsync(export));
            Assert.All(payloads, payload => Assert.Contains("'" + payload, cells));
            Assert.DoesNotContain(cells, cell => cell.Length > 0 && "=+-@\t\r".Contains(cell[0]) && cell.Contains("SUM(1+1)"));
        }
    }

    private static List<string> Cells(string csv)
    {
        using var reader = new CsvHelper.CsvReader(new StringReader(csv), System.Globalization.CultureInfo.InvariantCulture);
        var cells = new List<string>();
        while (reader.Read()) cells.AddRange(reader.Parser.Record!);
        return cells;
    }

    /// <summary>The redirect's path, after checking that an absolute redirect stays on the portal.</summary>
    private static string PortalPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        if (!location.IsAbsoluteUri) return location.OriginalString;
        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }
}
