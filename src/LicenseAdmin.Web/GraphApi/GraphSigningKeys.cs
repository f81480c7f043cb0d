using LicenseAdmin.Infrastructure.Tokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// Feeds the JWT bearer handler the signing keys from the database, as it would read a remote JWKS: cached for a
/// minute, and reloaded at once when a token names a key it does not know (a key another host just made).
/// </summary>
public sealed class GraphSigningKeys(SigningKeyStore store, TimeProvider clock) : IConfigurationManager<OpenIdConnectConfiguration>
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    // One reference, replaced whole: concurrent requests see either the old or the new keys, never half of each.
    private volatile Loaded? _cached;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (_cached is { } cached && clock.GetUtcNow() - cached.At < CacheFor) return cached.Configuration;
        var configuration = new OpenIdConnectConfiguration();
        foreach (var key in await store.ValidationKeysAsync(cancel)) configuration.SigningKeys.Add(SecurityKeyOf(key));
        _cached = new Loaded(configuration, clock.GetUtcNow());
        return configuration;
    }

    public void RequestRefresh() => _cached = null;

    private sealed record Loaded(OpenIdConnectConfiguration Configuration, DateTimeOffset At);

    public static RsaSecurityKey SecurityKeyOf(SigningKeyMaterial key) => new(key.Key) { KeyId = key.Id };

    /// <summary>The public half of each key, as the JWKS document lists it.</summary>
    public static JsonWebKey PublicJwkOf(SigningKeyMaterial key)
    {
        var parameters = key.Key.ExportParameters(includePrivateParameters: false);
        return new JsonWebKey
        {
            Kty = "RSA", Use = "sig", Alg = SecurityAlgorithms.RsaSha256, Kid = key.Id,
            N = Base64UrlEncoder.Encode(parameters.Modulus), E = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }
}
