using LicenseAdmin.Domain;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Apps;

/// <summary>Why a client-credentials sign-in failed, with the OAuth error and the Entra error number scripts know.</summary>
public sealed class AppSignInRefusedException(string error, int errorCode, DomainMessage reason) : DomainException(reason)
{
    public string Error { get; } = error;
    public int ErrorCode { get; } = errorCode;
}

/// <summary>
/// The token endpoint's check of an app's client id and secret (client credentials), and the per-request check that
/// an app still may act. There is no caller yet: the app proves who it is here.
/// </summary>
public sealed class ApiAppSignIn(TenantDbContextFactory contexts, TimeProvider clock)
{
    /// <param name="tenant">The tenant's id or its domain, as in the token URL.</param>
    [NotAudited("A sign-in records only when the app was last used, as the app list shows; the app's actions are audited as it.")]
    public async Task<SignedInApp> SignInAsync(string tenant, string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        var tenantId = await TenantIdAsync(tenant, cancellationToken)
            ?? throw Refused("invalid_request", 90002, "Tenant '{Tenant}' not found.", new { Tenant = tenant });
        if (!Guid.TryParse(clientId, out var clientGuid))
            throw Refused("unauthorized_client", 700016, "Application with identifier '{ClientId}' was not found in the directory '{Tenant}'.", new { ClientId = clientId, Tenant = tenant });

        await using var db = await contexts.ForTenantAsync(tenantId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var app = await db.ApiApps.AsNoTracking().Include(a => a.Secrets)
            .SingleOrDefaultAsync(a => a.ClientId == clientGuid && a.DeletedUtc == null, cancellationToken)
            ?? throw Refused("unauthorized_client", 700016, "Application with identifier '{ClientId}' was not found in the directory '{Tenant}'.", new { ClientId = clientId, Tenant = tenant });
        if (!app.IsActive)
            throw Refused("unauthorized_client", 7000112, "Application '{ClientId}' ({App}) is disabled.", new { ClientId = clientId, App = app.DisplayName });
        var match = app.Secrets.FirstOrDefault(s => ClientSecrets.Matches(clientSecret, s.Hash));
        if (match is null || match.RevokedUtc is not null)
            throw Refused("invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{ClientId}'.", new { ClientId = clientId });
        if (!match.IsUsableAt(now))
            throw Refused("invalid_client", 7000222, "The provided client secret keys for app '{ClientId}' are expired. Create a new client secret for the app.", new { ClientId = clientId });

        await db.ApiApps.Where(a => a.Id == app.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.LastUsedUtc, now), cancellationToken);
        return new SignedInApp(tenantId, app.Id, app.ClientId, app.DisplayName, app.Permissions);
    }

    /// <summary>Whether the app may still act: tokens of a disabled or deleted app are refused.</summary>
    public async Task<bool> IsActiveAsync(Guid tenantId, Guid appId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(tenantId, cancellationToken);
        return await db.ApiApps.AnyAsync(a => a.Id == appId && a.DisabledUtc == null && a.DeletedUtc == null, cancellationToken);
    }

    private async Task<Guid?> TenantIdAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        var tenants = db.Tenants.IgnoreQueryFilters();
        if (Guid.TryParse(tenant, out var id))
            return await tenants.Where(t => t.Id == id).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
        var domain = tenant.Trim().ToLowerInvariant();
        return await tenants.Where(t => t.InitialDomain == domain).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
    }

    private static AppSignInRefusedException Refused(string error, int code, string template, object arguments) =>
        new(error, code, new DomainMessage("AADSTS" + code, template, arguments));
}
