namespace LicenseAdmin.Infrastructure.Tokens;

/// <summary>
/// An RSA key the API signs its access tokens with. The private key is stored encrypted by ASP.NET Core Data
/// Protection (whose keys are in the same database), so every host of a farm signs and validates with the same keys
/// and tokens survive restarts. See docs/decisions/0008-token-signing-keys-in-the-database.md.
/// </summary>
public sealed class ApiSigningKey
{
    private ApiSigningKey()
    {
        Id = ProtectedPrivateKey = string.Empty;
    }

    public ApiSigningKey(string id, string protectedPrivateKey, DateTime createdUtc)
    {
        Id = id;
        ProtectedPrivateKey = protectedPrivateKey;
        CreatedUtc = createdUtc;
    }

    /// <summary>The key id (<c>kid</c>) tokens and the JWKS name it by.</summary>
    public string Id { get; private set; }

    public string ProtectedPrivateKey { get; private set; }
    public DateTime CreatedUtc { get; private set; }
}
