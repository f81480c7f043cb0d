using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>Reads the shared catalog into the planner's indexed form.</summary>
public static class LicensingCatalogLoader
{
    public static async Task<LicensingCatalog> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var plans = await db.ServicePlans.AsNoTracking()
            .ToDictionaryAsync(p => p.Id, p => new ServicePlanInfo(p.Id, p.Name, p.FriendlyName, p.Family), cancellationToken);
        var products = await db.Products.AsNoTracking().Include(p => p.Plans).ToListAsync(cancellationToken);
        var exclusive = await db.ExclusivePlanPairs.AsNoTracking().ToListAsync(cancellationToken);
        var dependencies = await db.PlanDependencies.AsNoTracking().ToListAsync(cancellationToken);
        return new LicensingCatalog(
            products.Select(p => new ProductInfo(p.Id, p.PartNumber, p.DisplayName,
                p.Plans.Where(link => plans.ContainsKey(link.ServicePlanId)).Select(link => plans[link.ServicePlanId]))),
            exclusive, dependencies);
    }
}
