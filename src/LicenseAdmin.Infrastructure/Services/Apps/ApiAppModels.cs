using LicenseAdmin.Domain.Apps;

namespace LicenseAdmin.Infrastructure.Services.Apps;

/// <summary>An app as the settings page lists it; secrets by hint only.</summary>
public sealed record ApiAppSummary(
    Guid Id, Guid ClientId, string DisplayName, ApiPermissions Permissions, DateTime CreatedUtc, DateTime? LastUsedUtc,
    bool Disabled, IReadOnlyList<ApiAppSecretSummary> Secrets);

public sealed record ApiAppSecretSummary(Guid Id, string Description, string Hint, DateTime CreatedUtc, DateTime ExpiresUtc, bool Revoked);

/// <summary>A secret just made: its text is here once and never again.</summary>
public sealed record NewClientSecret(Guid Id, string Text, DateTime ExpiresUtc);

/// <summary>An app that proved its client id and secret: who the token is issued to.</summary>
public sealed record SignedInApp(Guid TenantId, Guid AppId, Guid ClientId, string DisplayName, ApiPermissions Permissions);
