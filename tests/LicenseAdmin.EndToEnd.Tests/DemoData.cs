using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>Reads the running portal's database, to pick users for a journey and to check what a page did.</summary>
public sealed class DemoData(BrowserFixture browser)
{
    public static readonly Guid E3 = Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900");

    private TenantDbContextFactory Contexts => browser.Portal.Services.GetRequiredService<TenantDbContextFactory>();

    /// <summary>Unlicensed Contoso people with a usage location whose display name is unique, skipping the first <paramref name="skip"/>.</summary>
    public async Task<IReadOnlyList<DirectoryUser>> UnlicensedPeopleAsync(int count, int skip)
    {
        await using var db = await Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.DeletedUtc == null && u.Kind == UserKind.User && u.UsageLocation != null && u.Roles == 0)
            .Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id))
            .OrderByDescending(u => u.UserPrincipalName)
            .Skip(skip).Take(count)
            .ToListAsync();
    }

    public async Task<IReadOnlyList<Guid>> DisabledPlansAsync(Guid userId, Guid productId)
    {
        await using var db = await Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var assignment = await db.LicenseAssignments.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId && a.ProductId == productId);
        return assignment?.DisabledPlanIds ?? throw new InvalidOperationException("The user does not hold the product.");
    }

    public async Task<Guid> PlanIdAsync(string name)
    {
        await using var db = await Contexts.ForSystemAsync(CancellationToken.None);
        return await db.ServicePlans.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    /// <summary>Gives a user a product through the licensing service, as an admin would.</summary>
    public async Task GiveAsync(Guid userId, Guid productId) =>
        await Licensing.AssignAsync(await ContosoAdminAsync(), userId, productId, null, CancellationToken.None);

    /// <summary>
    /// Takes a product back from users through the licensing service, so a journey that used seats of the shared demo
    /// tenant leaves them for the journeys after it.
    /// </summary>
    public async Task TakeBackAsync(IEnumerable<string> userPrincipalNames, Guid productId)
    {
        var names = userPrincipalNames.ToList();
        await using var db = await Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var ids = await db.DirectoryUsers.AsNoTracking().Where(u => names.Contains(u.UserPrincipalName)).Select(u => u.Id).ToListAsync();
        var admin = await ContosoAdminAsync();
        foreach (var id in ids) await Licensing.RemoveAsync(admin, id, productId, CancellationToken.None);
    }

    private LicenseAdmin.Infrastructure.Services.Licensing.LicenseService Licensing =>
        browser.Portal.Services.GetRequiredService<LicenseAdmin.Infrastructure.Services.Licensing.LicenseService>();

    private async Task<LicenseAdmin.Infrastructure.Services.Caller> ContosoAdminAsync()
    {
        await using var db = await Contexts.ForSystemAsync(CancellationToken.None);
        var admin = await db.DirectoryUsers.IgnoreQueryFilters().SingleAsync(u => u.UserPrincipalName == "admin@contoso.com");
        return new LicenseAdmin.Infrastructure.Services.Caller(admin.TenantId, admin.Id, admin.UserPrincipalName, admin.Roles);
    }

    public async Task<IReadOnlyList<Guid>> ProductsOfAsync(Guid userId)
    {
        await using var db = await Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.LicenseAssignments.AsNoTracking().Where(a => a.UserId == userId).Select(a => a.ProductId).ToListAsync();
    }
}
