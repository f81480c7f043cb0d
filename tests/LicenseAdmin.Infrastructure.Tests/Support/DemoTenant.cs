using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Seats;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Tests.Support;

/// <summary>Lookups into the seeded demo tenants, so tests read as the story they tell.</summary>
public sealed class DemoTenant(TestDatabase database)
{
    public static readonly Guid E3 = Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900");
    public static readonly Guid E5 = Guid.Parse("c7df2760-2c81-4ef7-b578-5b5392b571df");
    public static readonly Guid BusinessBasic = Guid.Parse("3b555118-da6a-4418-894f-7df1e2096870");
    public static readonly Guid AppsForEnterprise = Guid.Parse("c2273bd0-dff7-4215-9ef5-2c7bcfb06425");

    public async Task<Caller> CallerAsync(string upn)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        var user = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.UserPrincipalName == upn);
        return new Caller(user.TenantId, user.Id, user.UserPrincipalName, user.Roles);
    }

    public async Task<DirectoryUser> UserAsync(string upn)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.DirectoryUsers.IgnoreQueryFilters().AsNoTracking().SingleAsync(u => u.UserPrincipalName == upn);
    }

    /// <summary>Active Contoso people with a usage location and no license, in a stable order.</summary>
    public async Task<IReadOnlyList<DirectoryUser>> UnlicensedPeopleAsync(int count)
    {
        await using var db = await database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.DeletedUtc == null && u.Kind == UserKind.User && u.UsageLocation != null && u.Roles == 0)
            .Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id))
            .OrderBy(u => u.UserPrincipalName)
            .Take(count)
            .ToListAsync();
    }

    public async Task<IReadOnlyList<Guid>> ProductsOfAsync(Guid userId)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.LicenseAssignments.IgnoreQueryFilters().Where(a => a.UserId == userId).Select(a => a.ProductId).OrderBy(p => p).ToListAsync();
    }

    public async Task<IReadOnlyList<Guid>> DisabledPlansAsync(Guid userId, Guid productId)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        var assignment = await db.LicenseAssignments.IgnoreQueryFilters().SingleAsync(a => a.UserId == userId && a.ProductId == productId);
        return assignment.DisabledPlanIds;
    }

    public async Task<Guid> PlanIdAsync(string planName)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.ServicePlans.Where(p => p.Name == planName).Select(p => p.Id).SingleAsync();
    }

    /// <summary>(total, assigned by counter, assigned by real rows) of a Contoso product: the counter must never drift.</summary>
    public async Task<(int Total, int Counter, int Real)> SeatsAsync(Guid productId, Guid? tenantId = null)
    {
        var tenant = tenantId ?? DemoDataSeeder.ContosoId;
        await using var db = await database.Contexts.ForTenantAsync(tenant, CancellationToken.None);
        var counter = await db.SeatCounters.AsNoTracking().SingleAsync(c => c.ProductId == productId);
        var real = await SeatCounterRecalculator.AssignedSeatsAsync(db, tenant, CancellationToken.None);
        return (counter.TotalSeats, counter.AssignedSeats, real.GetValueOrDefault(productId));
    }

    public async Task<Domain.Licensing.ServiceProvisioning?> ProvisioningAsync(Guid userId, ServiceFamily family)
    {
        await using var db = await database.Contexts.ForSystemAsync(CancellationToken.None);
        return await db.ServiceProvisionings.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId && p.Family == family);
    }
}
