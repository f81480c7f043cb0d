using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>Short-lived contexts for one operation: scoped to a tenant, or unscoped for system work.</summary>
public sealed class TenantDbContextFactory(IDbContextFactory<AppDbContext> factory)
{
    public async Task<AppDbContext> ForTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        return db.ScopeTo(tenantId);
    }

    /// <summary>For seeding, the catalog and the purge service: reads of tenant data need IgnoreQueryFilters.</summary>
    public Task<AppDbContext> ForSystemAsync(CancellationToken cancellationToken) => factory.CreateDbContextAsync(cancellationToken);
}
