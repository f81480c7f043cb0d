using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Services.Licensing;

/// <summary>One user who holds a product, for the Licenses page.</summary>
public sealed record ProductHolder(Guid UserId, string DisplayName, string UserPrincipalName, string? Department, DateTime AssignedUtc, int PlansTurnedOff);

public sealed record ProductHolderPage(IReadOnlyList<ProductHolder> Rows, int Total);

/// <summary>Who holds a product, one page at a time: a product can be held by most of a 100,000-user tenant.</summary>
public sealed class ProductHoldersService(TenantDbContextFactory contexts)
{
    public async Task<ProductHolderPage> PageAsync(Caller caller, Guid productId, int skip, int take, CancellationToken cancellationToken)
    {
        PageBounds.Ensure(skip, take);
        await using var db = await contexts.ForTenantAsync(caller.TenantId, cancellationToken);
        await CallerGuard.RequireToReadAsync(db, caller, Permission.ReadDirectory, cancellationToken);

        // Deleted users have no assignments (their seats were freed), but the filter keeps that an explicit rule here.
        var holders = db.LicenseAssignments.AsNoTracking()
            .Where(a => a.ProductId == productId)
            .Join(db.DirectoryUsers.Where(u => u.DeletedUtc == null), a => a.UserId, u => u.Id, (a, u) => new { Assignment = a, User = u });
        var total = await holders.CountAsync(cancellationToken);
        var page = await holders.OrderBy(h => h.User.DisplayName).ThenBy(h => h.User.Id)
            .Skip(skip).Take(take)
            .Select(h => new { h.User.Id, h.User.DisplayName, h.User.UserPrincipalName, h.User.Department, h.Assignment.AssignedUtc, h.Assignment.DisabledPlanIds })
            .ToListAsync(cancellationToken);
        var rows = page.Select(h => new ProductHolder(h.Id, h.DisplayName, h.UserPrincipalName, h.Department, h.AssignedUtc, h.DisabledPlanIds.Count)).ToList();
        return new ProductHolderPage(rows, total);
    }
}
