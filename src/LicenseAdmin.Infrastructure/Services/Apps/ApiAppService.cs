using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Apps;

/// <summary>
/// App registrations for the Graph-compatible API: Global administrators register apps, give them client secrets
/// and grant permissions; every change is audited, and every other role is refused here, not only hidden in the menu.
/// </summary>
public sealed class ApiAppService(TenantDbContextFactory contexts, AuditedChanges changes)
{
    public async Task<IReadOnlyList<ApiAppSummary>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ManageApps, cancellationToken);
        var apps = await db.ApiApps.AsNoTracking().Include(a => a.Secrets)
            .Where(a => a.DeletedUtc == null)
            .OrderBy(a => a.DisplayName)
            .ToListAsync(cancellationToken);
        return apps.Select(Summary).ToList();
    }

    public Task<ApiAppSummary> RegisterAsync(Caller caller, string displayName, CancellationToken cancellationToken) =>
        ChangeAsync(caller, AuditAction.AddApplication, _ => Task.FromResult(displayName.Trim()),
            (db, admin, now) =>
            {
                var app = new ApiApp(Guid.NewGuid(), caller.TenantId, Guid.NewGuid(), ValidName(displayName), now);
                db.ApiApps.Add(app);
                AuditTrail.Succeeded(db, admin, now, AuditAction.AddApplication, app.DisplayName,
                    after: new { app.ClientId, app.DisplayName }, targetId: app.Id);
                return Task.FromResult(Summary(app));
            }, cancellationToken);

    /// <summary>Makes a secret that works until <paramref name="lifetimeDays"/> from now; its text is returned once.</summary>
    public Task<NewClientSecret> AddSecretAsync(Caller caller, Guid appId, string description, int lifetimeDays, CancellationToken cancellationToken) =>
        ChangeAsync(caller, AuditAction.AddClientSecret, db => NameOfAsync(db, appId),
            async (db, admin, now) =>
            {
                if (lifetimeDays is < 1 or > ApiAppRefusals.MaxSecretLifetimeDays) throw ApiAppRefusals.SecretLifetime();
                var described = ValidDescription(description);
                var app = await LiveAppAsync(db, appId, cancellationToken);
                var text = ClientSecrets.Create();
                var secret = new ApiAppSecret(Guid.NewGuid(), caller.TenantId, app.Id, described, ClientSecrets.HintOf(text),
                    ClientSecrets.Hash(text), now, now.AddDays(lifetimeDays));
                db.ApiAppSecrets.Add(secret);
                AuditTrail.Succeeded(db, admin, now, AuditAction.AddClientSecret, app.DisplayName,
                    after: new { SecretId = secret.Id, secret.Description, secret.Hint, secret.ExpiresUtc }, targetId: app.Id);
                return new NewClientSecret(secret.Id, text, secret.ExpiresUtc);
            }, cancellationToken);

    /// <summary>Revokes a secret at once: no new token is issued with it.</summary>
    public Task RevokeSecretAsync(Caller caller, Guid appId, Guid secretId, CancellationToken cancellationToken) =>
        ChangeAsync(caller, AuditAction.RemoveClientSecret, db => NameOfAsync(db, appId),
            async (db, admin, now) =>
            {
                var app = await LiveAppAsync(db, appId, cancellationToken);
                var secret = app.Secrets.SingleOrDefault(s => s.Id == secretId) ?? throw ApiAppRefusals.SecretNotFound(secretId);
                secret.MarkRevoked(now);
                AuditTrail.Succeeded(db, admin, now, AuditAction.RemoveClientSecret, app.DisplayName,
                    before: new { SecretId = secret.Id, secret.Hint }, targetId: app.Id);
                return true;
            }, cancellationToken);

    /// <summary>Replaces the app's permissions; tokens issued before carry the old list until they expire, but every call re-checks the grant.</summary>
    public Task GrantAsync(Caller caller, Guid appId, ApiPermissions permissions, CancellationToken cancellationToken) =>
        ChangeAsync(caller, AuditAction.UpdateApplication, db => NameOfAsync(db, appId),
            async (db, admin, now) =>
            {
                if (!ApiPermissionNames.IsValid(permissions)) throw ApiAppRefusals.UnknownPermissions();
                var app = await LiveAppAsync(db, appId, cancellationToken);
                var before = ApiPermissionNames.Names(app.Permissions).ToList();
                app.GrantPermissions(permissions);
                AuditTrail.Succeeded(db, admin, now, AuditAction.UpdateApplication, app.DisplayName,
                    before: new { Permissions = before }, after: new { Permissions = ApiPermissionNames.Names(permissions).ToList() }, targetId: app.Id);
                return true;
            }, cancellationToken);

    /// <summary>A disabled app gets no tokens and its tokens are refused; enabling it again lets its secrets work again.</summary>
    public Task SetDisabledAsync(Caller caller, Guid appId, bool disabled, CancellationToken cancellationToken) =>
        ChangeAsync(caller, AuditAction.UpdateApplication, db => NameOfAsync(db, appId),
            async (db, admin, now) =>
            {
                var app = await LiveAppAsync(db, appId, cancellationToken);
                var wasDisabled = !app.IsActive;
                if (disabled) app.MarkDisabled(now);
                else app.MarkEnabled();
                AuditTrail.Succeeded(db, admin, now, AuditAction.UpdateApplication, app.DisplayName,
                    before: new { Disabled = wasDisabled }, after: new { Disabled = disabled }, targetId: app.Id);
                return true;
            }, cancellationToken);

    /// <summary>Deletes the app for good; the row stays so the audit log's entries keep naming it.</summary>
    public Task DeleteAsync(Caller caller, Guid appId, CancellationToken cancellationToken) =>
        ChangeAsync(caller, AuditAction.DeleteApplication, db => NameOfAsync(db, appId),
            async (db, admin, now) =>
            {
                var app = await LiveAppAsync(db, appId, cancellationToken);
                app.MarkDeleted(now);
                foreach (var secret in app.Secrets) secret.MarkRevoked(now);
                AuditTrail.Succeeded(db, admin, now, AuditAction.DeleteApplication, app.DisplayName,
                    before: new { app.ClientId, app.DisplayName }, targetId: app.Id);
                return true;
            }, cancellationToken);

    private Task<T> ChangeAsync<T>(
        Caller caller, string action, Func<AppDbContext, Task<string>> target,
        Func<AppDbContext, ActingAdmin, DateTime, Task<T>> change, CancellationToken cancellationToken) =>
        changes.RunAsync(new AuditedChange(caller, Permission.ManageApps, action, target, ApiAppRefusals.ConcurrentChange), change, cancellationToken);

    private static async Task<ApiApp> LiveAppAsync(AppDbContext db, Guid appId, CancellationToken cancellationToken)
    {
        var app = await db.ApiApps.Include(a => a.Secrets).SingleOrDefaultAsync(a => a.Id == appId, cancellationToken)
            ?? throw ApiAppRefusals.NotFound(appId);
        if (app.DeletedUtc is not null) throw ApiAppRefusals.Deleted(app.DisplayName);
        return app;
    }

    private static async Task<string> NameOfAsync(AppDbContext db, Guid appId) =>
        await db.ApiApps.Where(a => a.Id == appId).Select(a => a.DisplayName).SingleOrDefaultAsync() ?? appId.ToString();

    /// <summary>A secret's description is optional, one line, and as long as an app name at most (its column's length).</summary>
    private static string ValidDescription(string? description)
    {
        var text = (description ?? string.Empty).Trim();
        if (text.Length > ApiApp.MaxDisplayNameLength) throw ApiAppRefusals.DescriptionTooLong();
        return PlainText.Checked(text, PlainText.Fields.SecretDescription)!;
    }

    private static string ValidName(string displayName)
    {
        var name = displayName.Trim();
        if (name.Length == 0) throw ApiAppRefusals.NameRequired();
        if (name.Length > ApiApp.MaxDisplayNameLength) throw ApiAppRefusals.NameTooLong();
        return PlainText.Checked(name, PlainText.Fields.AppName)!;
    }

    private static ApiAppSummary Summary(ApiApp app) => new(
        app.Id, app.ClientId, app.DisplayName, app.Permissions, app.CreatedUtc, app.LastUsedUtc, app.DisabledUtc is not null,
        app.Secrets.OrderBy(s => s.CreatedUtc)
            .Select(s => new ApiAppSecretSummary(s.Id, s.Description, s.Hint, s.CreatedUtc, s.ExpiresUtc, s.RevokedUtc is not null)).ToList());
}
