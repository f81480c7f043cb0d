using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace LicenseAdmin.Web.Tests;

/// <summary>Headers and cookies a browser needs to defend the portal (the browser journey checks the policy is obeyed).</summary>
public sealed class SecurityHeaderTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/health")]
    [InlineData("/no-such-page")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        var response = await _portal.CreateBrowserLikeClient().GetAsync(path);

        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("script-src 'self' 'nonce-", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
    }

    [Fact]
    public async Task TheImportMap_CarriesThisResponsesNonce_WrittenAsItIsInTheHeader()
    {
        // Several responses: a nonce with a character the page must HTML-encode (plain base64's '+') shows up in
        // about one response in three, and the attribute must still read exactly as the header's nonce.
        var client = _portal.CreateBrowserLikeClient();
        for (var i = 0; i < 12; i++)
        {
            var response = await client.GetAsync("/Account/Login");

            var nonce = System.Text.RegularExpressions.Regex.Match(string.Join(" ", response.Headers.GetValues("Content-Security-Policy")), "'nonce-([^']+)'").Groups[1].Value;
            Assert.Matches("^[A-Za-z0-9_-]{16,}$", nonce);
            Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", await response.Content.ReadAsStringAsync());
        }
    }

    // Development runs on plain http (the README's command) and may leave out Secure there; nothing else may.
    [Theory]
    [InlineData("Production", "http://localhost/", true)]
    [InlineData("Production", "https://portal.example/", true)]
    [InlineData("Development", "http://localhost/", false)]
    public async Task SignInCookie_IsHttpOnlyAndLax_AndSecureOutsideDevelopment(string environment, string address, bool secure)
    {
        using var host = _portal.WithWebHostBuilder(builder => builder.UseEnvironment(environment));
        var client = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(address) });

        var signIn = await PortalFactory.SignInAsync(client, "licenseadmin@contoso.com");

        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Equal(secure, cookie.Contains("secure"));
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    public async Task StrictTransportSecurity_IsSentOverHttpsOutsideDevelopment(string environment, bool sent)
    {
        using var host = _portal.WithWebHostBuilder(builder => builder.UseEnvironment(environment));
        var client = host.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://portal.example/") });

        var response = await client.GetAsync("/Account/Login");

        Assert.Equal(sent, response.Headers.Contains("Strict-Transport-Security"));
    }

    public void Dispose() => _portal.Dispose();
}
