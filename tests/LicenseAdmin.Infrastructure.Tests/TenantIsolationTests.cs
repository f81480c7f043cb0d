using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Tests;

public sealed class TenantIsolationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task ScopedContext_SeesOnlyItsOwnTenantsRows()
    {
        await using var db = await _database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);

        Assert.All(await db.DirectoryUsers.ToListAsync(), u => Assert.Equal(DemoDataSeeder.ContosoId, u.TenantId));
        Assert.False(await db.DirectoryUsers.AnyAsync(u => u.UserPrincipalName.EndsWith("@fabrikam.com")));
        Assert.Null(await db.DirectoryUsers.FirstOrDefaultAsync(u => u.UserPrincipalName == "admin@fabrikam.com"));
        Assert.Equal(["Contoso"], await db.Tenants.Select(t => t.Name).ToListAsync());
        Assert.All(await db.Subscriptions.ToListAsync(), s => Assert.Equal(DemoDataSeeder.ContosoId, s.TenantId));
    }

    [Fact]
    public async Task ScopedContext_CannotWriteAnotherTenantsRow()
    {
        await using var db = await _database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        db.DirectoryUsers.Add(new DirectoryUser(Guid.NewGuid(), DemoDataSeeder.FabrikamId, "intruder@fabrikam.com", "Intruder", UserKind.User, DateTime.UtcNow));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Equal("A context scoped to one tenant cannot write another tenant's data.", error.Message);
    }

    [Fact]
    public async Task UnscopedContext_SeesNoTenantDataWithoutIgnoringFilters()
    {
        await using var db = await _database.Contexts.ForSystemAsync(CancellationToken.None);

        Assert.Equal(0, await db.DirectoryUsers.CountAsync());
        Assert.True(await db.DirectoryUsers.IgnoreQueryFilters().CountAsync() > 200);
    }

    [Fact]
    public async Task AuditEntries_CannotBeChangedOrDeleted()
    {
        await using (var db = await _database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
        {
            db.AuditEntries.Add(new AuditEntry(DemoDataSeeder.ContosoId, DateTime.UtcNow, "admin@contoso.com", "Global administrator",
                AuditAction.UpdateUser, "user@contoso.com", AuditOutcome.Succeeded));
            await db.SaveChangesAsync();
        }
        await using (var db = await _database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
        {
            db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

            Assert.Equal("The audit log is append-only: entries cannot be changed or deleted.", error.Message);
        }
    }
}
