using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.Support;

/// <summary>
/// The real portal on a fresh database of the provider under test (<see cref="TestProvider"/>) with the demo tenants, in
/// memory (TestServer). The portal creates, migrates and seeds the database at start-up as it does in production.
/// </summary>
public sealed partial class PortalFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test-password-2026";
    private readonly string _database = TestProvider.NewDatabase(template: null);
    private readonly Dictionary<string, string?> _settings = new();
    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Test services on top of the portal's (registered after them).</summary>
    public PortalFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public PortalFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in TestProvider.SettingsFor(_database)) builder.UseSetting(key, value);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Password", Password);
        // Every test client shares one address here; the rate limit has its own tests (SignInAbuseTests).
        builder.UseSetting("Security:SignInRateLimit:PermitLimit", "100000");
        // Tests that start the portal outside Development have no key certificate; KeyEncryptionTests configure one.
        builder.UseSetting("Security:DataProtection:AllowUnprotectedKeys", "true");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        foreach (var configure in _services) builder.ConfigureServices(configure);
    }

    /// <summary>This portal runs on the database of <paramref name="other"/>, as a second instance would; dispose it first.</summary>
    public PortalFactory SharingTheDatabaseOf(PortalFactory other)
    {
        foreach (var (key, value) in TestProvider.SettingsFor(other._database)) _settings[key] = value;
        return this;
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the sign-in form as a browser would (with its antiforgery token) and returns the response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string upn, string password = Password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        return await client.PostAsync("/Account/Login", SignInForm(form, upn, password));
    }

    /// <summary>The sign-in form's fields, with the antiforgery token of the page <paramref name="form"/>.</summary>
    public static FormUrlEncodedContent SignInForm(string form, string upn, string password) =>
        new(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryTokenOf(form),
            ["Input.UserName"] = upn,
            ["Input.Password"] = password,
        });

    public static string AntiforgeryTokenOf(string page) => AntiforgeryToken().Match(page).Groups[1].Value;

    public static async Task<string> SignedInPageAsync(HttpClient client, string upn, string path)
    {
        var signIn = await SignInAsync(client, upn);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return await client.GetStringAsync(path);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        TestProvider.Drop(_database);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
