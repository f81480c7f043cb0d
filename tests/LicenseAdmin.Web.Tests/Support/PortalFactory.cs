using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the sign-in form as a browser would (with its antiforgery token) and returns the response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string upn, string password = Password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = upn,
            ["Input.Password"] = password,
        }));
    }

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
