using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LicenseAdmin.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace LicenseAdmin.Web.Security;

/// <summary>
/// Encrypts the Data Protection key ring at rest with a certificate. The keys sit in the database (shared by every
/// instance); unencrypted, anyone who can read that table can forge sign-in cookies, antiforgery and reset tokens.
/// The certificate comes from a PFX file (Security:DataProtection:CertificatePath and CertificatePassword) or from
/// the machine's certificate store (CertificateThumbprint). Without one, Development runs with a warning and
/// every other environment refuses to start unless AllowUnprotectedKeys says the risk is accepted.
/// </summary>
public static class KeyEncryptionSetup
{
    public const string Section = "Security:DataProtection";
    public const string CertificatePathKey = Section + ":CertificatePath";
    public const string CertificatePasswordKey = Section + ":CertificatePassword";
    public const string CertificateThumbprintKey = Section + ":CertificateThumbprint";
    public const string AllowUnprotectedKeysKey = Section + ":AllowUnprotectedKeys";

    public const string UnprotectedWarning =
        "Data Protection keys are stored unencrypted in the database: whoever can read it can forge sign-in cookies. " +
        "Set " + CertificatePathKey + " (with " + CertificatePasswordKey + ") or " + CertificateThumbprintKey + ".";

    public sealed class Options
    {
        /// <summary>A PFX file holding the certificate and its private key.</summary>
        public string? CertificatePath { get; set; }

        public string? CertificatePassword { get; set; }

        /// <summary>A certificate with its private key in the CurrentUser or LocalMachine "My" store.</summary>
        public string? CertificateThumbprint { get; set; }

        /// <summary>Outside Development, starting without a certificate needs this explicit opt-out.</summary>
        public bool AllowUnprotectedKeys { get; set; }
    }

    /// <summary>Returns false when the keys stay unencrypted (the caller logs <see cref="UnprotectedWarning"/>).</summary>
    public static bool AddKeyEncryption(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(Section).Get<Options>() ?? new Options();
        var certificate = Load(options);
        if (certificate is not null)
        {
            // Also registers the certificate for decryption, so a PFX outside the store can read the keys back.
            services.AddDataProtection().ProtectKeysWithCertificate(certificate);
            return true;
        }
        if (environment.IsDevelopment() || options.AllowUnprotectedKeys) return false;
        throw new ConfigurationValueException(
            $"No certificate to encrypt the Data Protection keys in the {environment.EnvironmentName} environment. Set {CertificatePathKey} " +
            $"(a PFX file, with {CertificatePasswordKey}) or {CertificateThumbprintKey} (a certificate in the store), " +
            $"or set {AllowUnprotectedKeysKey}=true to accept keys stored unencrypted.");
    }

    private static X509Certificate2? Load(Options options)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            if (!File.Exists(options.CertificatePath))
                throw new ConfigurationValueException($"{CertificatePathKey} names '{options.CertificatePath}', which does not exist.");
            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
            }
            catch (CryptographicException)
            {
                throw new ConfigurationValueException($"{CertificatePathKey} could not be opened: check that it is a PFX file and that {CertificatePasswordKey} is its password.");
            }
            return WithPrivateKey(certificate, CertificatePathKey);
        }
        if (!string.IsNullOrWhiteSpace(options.CertificateThumbprint))
        {
            var thumbprint = options.CertificateThumbprint.Replace(" ", "", StringComparison.Ordinal);
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using var store = new X509Store(StoreName.My, location);
                store.Open(OpenFlags.ReadOnly);
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
                if (found.Count > 0) return WithPrivateKey(found[0], CertificateThumbprintKey);
            }
            throw new ConfigurationValueException($"{CertificateThumbprintKey} '{thumbprint}' is not in the CurrentUser or LocalMachine 'My' certificate store.");
        }
        return null;
    }

    /// <summary>Without its private key a certificate could encrypt new keys but never read them back.</summary>
    private static X509Certificate2 WithPrivateKey(X509Certificate2 certificate, string key) =>
        certificate.HasPrivateKey ? certificate
            : throw new ConfigurationValueException($"The certificate of {key} has no private key; the Data Protection keys could not be read back.");
}
