using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests;

/// <summary>The Data Protection keys in the database are encrypted with the configured certificate (Security:DataProtection).</summary>
public sealed class KeyEncryptionTests : IDisposable
{
    private const string CertificatePassword = "Pfx-password-for-tests";
    private readonly string _certificate = NewCertificateFile("CN=LicenseAdmin key encryption test");

    [Fact]
    public async Task StoredKeys_WithACertificate_HoldNoPlainKeyMaterial_AndASecondInstanceWithTheSameCertificateReadsTheCookie()
    {
        using var first = WithCertificate(new PortalFactory(), _certificate);
        var cookies = new CookieContainer();
        var firstClient = first.CreateDefaultClient(new CookieContainerHandler(cookies));
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(firstClient, "admin@contoso.com")).StatusCode);

        await using (var db = await first.Services.GetRequiredService<TenantDbContextFactory>().ForSystemAsync(CancellationToken.None))
        {
            var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("<EncryptedData", xml);
                // Unencrypted, the key's secret is written as <masterKey ...><value>BASE64</value>.
                Assert.DoesNotContain("<value>", xml);
            });
        }

        using var second = WithCertificate(new PortalFactory().SharingTheDatabaseOf(first), _certificate);
        var secondClient = second.CreateDefaultClient(new CookieContainerHandler(cookies));
        var page = await secondClient.GetAsync("/users");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Active users", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ASecondInstanceWithAnotherCertificate_CannotReadTheCookie()
    {
        var otherCertificate = NewCertificateFile("CN=Another certificate");
        try
        {
            using var first = WithCertificate(new PortalFactory(), _certificate);
            var cookies = new CookieContainer();
            Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(first.CreateDefaultClient(new CookieContainerHandler(cookies)), "admin@contoso.com")).StatusCode);

            using var second = WithCertificate(new PortalFactory().SharingTheDatabaseOf(first), otherCertificate);
            var page = await second.CreateDefaultClient(new CookieContainerHandler(cookies)).GetAsync("/users");

            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/Account/Login", page.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(otherCertificate);
        }
    }

    [Fact]
    public void Production_WithoutACertificate_RefusesToStart_NamingTheSettings()
    {
        var error = Assert.Throws<Infrastructure.ConfigurationValueException>(() => PortalHost.Build(["--environment=Production"]));

        Assert.Equal("No certificate to encrypt the Data Protection keys in the Production environment. Set Security:DataProtection:CertificatePath " +
            "(a PFX file, with Security:DataProtection:CertificatePassword) or Security:DataProtection:CertificateThumbprint (a certificate in the store), " +
            "or set Security:DataProtection:AllowUnprotectedKeys=true to accept keys stored unencrypted.", error.Message);
    }

    [Fact]
    public void Production_WithACertificate_OrTheExplicitOptOut_Starts()
    {
        var withCertificate = PortalHost.Build(["--environment=Production",
            $"--Security:DataProtection:CertificatePath={_certificate}", $"--Security:DataProtection:CertificatePassword={CertificatePassword}"]);
        var optedOut = PortalHost.Build(["--environment=Production", "--Security:DataProtection:AllowUnprotectedKeys=true"]);

        Assert.Equal("Production", withCertificate.Environment.EnvironmentName);
        Assert.Equal("Production", optedOut.Environment.EnvironmentName);
    }

    [Fact]
    public void WrongCertificatePassword_StopsStartup_NamingTheSettings()
    {
        var error = Assert.Throws<Infrastructure.ConfigurationValueException>(() => PortalHost.Build([
            $"--Security:DataProtection:CertificatePath={_certificate}", "--Security:DataProtection:CertificatePassword=wrong"]));

        Assert.Equal("Security:DataProtection:CertificatePath could not be opened: check that it is a PFX file and that Security:DataProtection:CertificatePassword is its password.", error.Message);
    }

    private static PortalFactory WithCertificate(PortalFactory portal, string path) =>
        portal.With("Security:DataProtection:CertificatePath", path).With("Security:DataProtection:CertificatePassword", CertificatePassword);

    private static string NewCertificateFile(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"licenseadmin-keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, CertificatePassword));
        return path;
    }

    public void Dispose() => File.Delete(_certificate);
}
