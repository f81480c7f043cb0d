using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

public sealed record PlanOption(Guid Id, string Name, string FriendlyName, ServiceFamily Family);

/// <summary>A product the tenant subscribes to, as the license panes show it: its plans and its free seats.</summary>
public sealed record ProductOption(Guid Id, string PartNumber, string DisplayName, int Total, int Assigned, IReadOnlyList<PlanOption> Plans)
{
    public int Available => Total - Assigned;
}

/// <summary>The products an admin can assign in this tenant, with their service plans and seats.</summary>
public sealed class LicenseCatalogService(TenantDbContextFactory contexts)
{
    public async Task<IReadOnlyList<ProductOption>> SubscribedProductsAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);
        var counters = await db.SeatCounters.AsNoTracking().ToDictionaryAsync(c => c.ProductId, cancellationToken);
        var subscribed = await db.Subscriptions.Select(s => s.ProductId).Distinct().ToListAsync(cancellationToken);
        var products = await db.Products.AsNoTracking().Include(p => p.Plans)
            .Where(p => subscribed.Contains(p.Id)).ToListAsync(cancellationToken);
        var planIds = products.SelectMany(p => p.Plans.Select(link => link.ServicePlanId)).Distinct().ToList();
        var plans = await db.ServicePlans.AsNoTracking().Where(p => planIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new PlanOption(p.Id, p.Name, p.FriendlyName, p.Family), cancellationToken);

        return products
            .Select(p => new ProductOption(p.Id, p.PartNumber, p.DisplayName,
                counters.TryGetValue(p.Id, out var c) ? c.TotalSeats : 0,
                counters.TryGetValue(p.Id, out var d) ? d.AssignedSeats : 0,
                p.Plans.Select(link => plans[link.ServicePlanId]).OrderBy(plan => plan.FriendlyName, StringComparer.OrdinalIgnoreCase).ToList()))
            .OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
