using System.Linq.Expressions;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Documents;
using LicenseAdmin.Domain.Groups;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Domain.Tenants;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Retention;
using LicenseAdmin.Infrastructure.Tokens;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>
/// One context for the catalog, the tenants' data and Identity. A context is either scoped to one
/// tenant (<see cref="ScopeTo"/>): reads see only that tenant and writes to another tenant throw;
/// or unscoped: reads of tenant data see nothing unless the caller says IgnoreQueryFilters (system work
/// such as seeding and the purge service).
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>The tenant this context reads and writes; null for system work.</summary>
    public Guid? ScopedTenantId { get; private set; }

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ServicePlan> ServicePlans => Set<ServicePlan>();
    public DbSet<ProductServicePlan> ProductServicePlans => Set<ProductServicePlan>();
    public DbSet<ExclusivePlanPair> ExclusivePlanPairs => Set<ExclusivePlanPair>();
    public DbSet<PlanDependency> PlanDependencies => Set<PlanDependency>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<LicensePurchase> LicensePurchases => Set<LicensePurchase>();
    public DbSet<ProductSeatCounter> SeatCounters => Set<ProductSeatCounter>();
    public DbSet<DirectoryUser> DirectoryUsers => Set<DirectoryUser>();
    public DbSet<LicenseAssignment> LicenseAssignments => Set<LicenseAssignment>();
    public DbSet<ServiceProvisioning> ServiceProvisionings => Set<ServiceProvisioning>();
    public DbSet<OfficeInstallation> OfficeInstallations => Set<OfficeInstallation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<LicenseOperation> LicenseOperations => Set<LicenseOperation>();
    public DbSet<SharePointDocument> SharePointDocuments => Set<SharePointDocument>();
    public DbSet<PurgeLease> PurgeLeases => Set<PurgeLease>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ApiApp> ApiApps => Set<ApiApp>();
    public DbSet<ApiAppSecret> ApiAppSecrets => Set<ApiAppSecret>();
    public DbSet<ApiSigningKey> ApiSigningKeys => Set<ApiSigningKey>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<GroupLicense> GroupLicenses => Set<GroupLicense>();
    public DbSet<InheritedLicense> InheritedLicenses => Set<InheritedLicense>();
    public DbSet<GroupLicensingWork> GroupLicensingQueue => Set<GroupLicensingWork>();

    public AppDbContext ScopeTo(Guid tenantId)
    {
        if (ScopedTenantId is { } current && current != tenantId)
            throw new InvalidOperationException("A context scoped to one tenant cannot be re-scoped to another.");
        ScopedTenantId = tenantId;
        return this;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        // SQLite keeps a table with a text primary key as rows plus a separate key index, so a lookup by id reads two
        // B-trees. The holds-product view looks up every holder to drop deleted ones and other tenants; this index
        // answers that from one. On SQL Server the clustered key already holds the row.
        if (Database.IsSqlite())
            builder.Entity<DirectoryUser>().HasIndex(u => new { u.Id, u.TenantId, u.DeletedUtc });

        if (Database.IsNpgsql()) PostgreSqlModel.Adapt(builder);

        builder.Entity<Tenant>().HasQueryFilter(t => t.Id == ScopedTenantId);
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType))
                builder.Entity(entityType.ClrType).HasQueryFilter(TenantFilter(entityType.ClrType));
        }
    }

    // Builds e => e.TenantId == this.ScopedTenantId; EF re-reads the context property on every query.
    private LambdaExpression TenantFilter(Type entityClrType)
    {
        var entity = Expression.Parameter(entityClrType, "e");
        var tenantId = Expression.Convert(Expression.Property(entity, nameof(ITenantOwned.TenantId)), typeof(Guid?));
        var scoped = Expression.Property(Expression.Constant(this), nameof(ScopedTenantId));
        return Expression.Lambda(Expression.Equal(tenantId, scoped), entity);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardWrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardWrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The last line of defence for tenant isolation and the append-only audit log.
    private void GuardWrites()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;

            if (entry.Entity is AuditEntry && entry.State != EntityState.Added)
                throw new InvalidOperationException("The audit log is append-only: entries cannot be changed or deleted.");

            GuardTenant(entry.Entity);
        }
    }

    /// <summary>Refuses a row of another tenant; bulk inserts, which bypass the change tracker, call it for every row too.</summary>
    internal void GuardTenant(object entity)
    {
        if (ScopedTenantId is { } tenantId && entity is ITenantOwned owned && owned.TenantId != tenantId)
            throw new InvalidOperationException("A context scoped to one tenant cannot write another tenant's data.");
    }
}
