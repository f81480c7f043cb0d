using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.EndToEnd.Tests;

/// <summary>
/// Users a journey creates for itself through the portal's own services. The journeys share one database, so
/// deleting or restoring seeded users would change what other journeys count; these users belong to one journey.
/// Their display names start with "Zz" so they sort after the seeded users every other journey picks from.
/// </summary>
public sealed class JourneyUsers(BrowserFixture browser)
{
    public static readonly Guid AppsForEnterprise = Guid.Parse("c2273bd0-dff7-4215-9ef5-2c7bcfb06425");

    private T Service<T>() where T : notnull => browser.Portal.Services.GetRequiredService<T>();

    /// <summary>A tag no other journey (or earlier run) uses, for names and for searching the grids.</summary>
    public static string NewTag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>Creates <paramref name="count"/> people named "Zz {tag} {n}"; without a usage location unless they get a license.</summary>
    public async Task<IReadOnlyList<Guid>> CreateAsync(string tag, int count, Guid? license = null)
    {
        var admin = await GlobalAdminAsync();
        var ids = new List<Guid>();
        for (var n = 1; n <= count; n++)
        {
            var id = await Service<UserService>().CreateAsync(admin,
                new NewUser($"zz.{tag}.{n}@contoso.com", $"Zz {tag} {n}", UsageLocation: license is null ? null : "DK"), CancellationToken.None);
            if (license is { } productId) await Service<LicenseService>().AssignAsync(admin, id, productId, null, CancellationToken.None);
            ids.Add(id);
        }
        return ids;
    }

    public async Task DeleteAsync(IReadOnlyList<Guid> userIds) =>
        await Service<UserService>().DeleteAsync(await GlobalAdminAsync(), UserSelection.Of(userIds), CancellationToken.None);

    /// <summary>Whether each user is in Deleted users now (true) or active (false).</summary>
    public async Task<IReadOnlyList<bool>> AreDeletedAsync(IReadOnlyList<Guid> userIds)
    {
        await using var db = await Service<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var deleted = await db.DirectoryUsers.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.DeletedUtc != null).Select(u => u.Id).ToListAsync();
        return userIds.Select(deleted.Contains).ToList();
    }

    public async Task<IReadOnlyList<Guid>> ProductsOfAsync(Guid userId)
    {
        await using var db = await Service<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.LicenseAssignments.AsNoTracking().Where(a => a.UserId == userId).Select(a => a.ProductId).ToListAsync();
    }

    /// <summary>Blocks a seeded user's sign-in as the Global administrator would.</summary>
    public async Task BlockAsync(string upn)
    {
        await using var db = await Service<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var user = await db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.UserPrincipalName == upn && u.DeletedUtc == null);
        await Service<UserService>().SetSignInBlockedAsync(await GlobalAdminAsync(), user.Id, true, CancellationToken.None);
    }

    private async Task<Caller> GlobalAdminAsync()
    {
        await using var db = await Service<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var admin = await db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.UserPrincipalName == "admin@contoso.com" && u.DeletedUtc == null);
        return new Caller(admin.TenantId, admin.Id, admin.UserPrincipalName, admin.Roles);
    }
}
