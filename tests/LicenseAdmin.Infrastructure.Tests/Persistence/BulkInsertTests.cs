using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.BulkRows;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Tests.Persistence;

public sealed class BulkInsertTests : DemoDatabaseTest
{
    private static readonly DateTime Now = new(2026, 11, 1, 9, 30, 15, 123, DateTimeKind.Utc);

    // The provider's own writer (binary COPY on PostgreSQL, the prepared single-row INSERT on SQLite), SQLite's form, and
    // SQL Server's form (several rows per command, parameters made per command) with 3 rows per command, so a full
    // command and a shorter last one are both exercised, on whichever provider the tests run.
    public static TheoryData<string> Batchings => ["provider", "sqlite", "several rows per command"];

    private static Task InsertAsync<T>(AppDbContext db, IReadOnlyList<T> rows, string batching, CancellationToken token) where T : class =>
        batching == "provider" ? BulkInsert.InsertAsync(db, rows, token)
        : BulkInsert.InsertAsync(db, rows, batching == "sqlite" ? InsertBatching.Sqlite : new InsertBatching(3, 2000, RebindsParameters: false), token);

    [Theory]
    [MemberData(nameof(Batchings))]
    public async Task Rows_ReadBack_AsSaveChangesWouldHaveStoredThem(string batching)
    {
        var users = await ContosoUsersAsync(4);
        // A short value first, then a long one: a command that is re-bound must not keep the first value's size.
        var entries = Enumerable.Range(0, 7).Select(i => new AuditEntry(DemoDataSeeder.ContosoId, Now.AddSeconds(i), "admin@contoso.com",
            "Global administrator", AuditAction.ChangeUserLicense, $"user{i}@contoso.com", i % 2 == 0 ? AuditOutcome.Succeeded : AuditOutcome.Refused,
            before: i == 0 ? "[]" : new string('x', 5000 + i), after: null, operationId: i % 3 == 0 ? null : Guid.NewGuid(),
            detail: i == 5 ? "why" : null, targetId: users[i % users.Count])).ToList();
        var records = users.Select((user, i) =>
        {
            var record = new ServiceProvisioning(Guid.NewGuid(), DemoDataSeeder.ContosoId, user, ServiceFamily.Exchange, Now);
            if (i % 2 == 1) record.LicenseLost(Now.AddMinutes(i));
            return record;
        }).ToList();
        var plans = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var assignments = users.Select((user, i) =>
            new LicenseAssignment(Guid.NewGuid(), DemoDataSeeder.ContosoId, user, DemoTenant.E5, i == 0 ? [] : plans, Now)).ToList();

        await using (var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
        {
            await WriteTransaction.RunAsync(db, async token =>
            {
                await InsertAsync(db, entries, batching, token);
                await InsertAsync(db, records, batching, token);
                await InsertAsync(db, assignments, batching, token);
                return true;
            }, CancellationToken.None);
        }

        await using var read = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var storedEntries = await read.AuditEntries.AsNoTracking().Where(e => e.OccurredUtc >= Now).OrderBy(e => e.OccurredUtc).ToListAsync();
        Assert.Equal(entries.Select(Audit), storedEntries.Select(Audit));
        Assert.Equal(7, storedEntries.Select(e => e.Id).Distinct().Count());
        var ids = records.Select(r => r.Id).ToList();
        var storedRecords = await read.ServiceProvisionings.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync();
        Assert.Equal(records.Select(Provisioning).Order(), storedRecords.Select(Provisioning).Order());
        var storedAssignments = await read.LicenseAssignments.AsNoTracking().Where(a => a.ProductId == DemoTenant.E5 && users.Contains(a.UserId)).ToListAsync();
        Assert.Equal(assignments.Select(Assignment).Order(), storedAssignments.Select(Assignment).Order());
    }

    [Theory]
    [MemberData(nameof(Batchings))]
    public async Task ManyUsers_AreAllWritten_WithEveryColumn_AndTheDatabaseKeepsTheLicenseCount(string batching)
    {
        var users = Enumerable.Range(0, 2500).Select(NewUser).ToList();

        await using (var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
        {
            await WriteTransaction.RunAsync(db, async token =>
            {
                await InsertAsync(db, users, batching, token);
                return true;
            }, CancellationToken.None);
        }

        await using var read = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var stored = await read.DirectoryUsers.AsNoTracking().Where(u => u.UserPrincipalName.StartsWith("bulk")).ToListAsync();
        Assert.Equal(users.Select(User).Order(), stored.Select(User).Order());
        Assert.Equal(0, await read.DirectoryUsers.Where(u => u.UserPrincipalName.StartsWith("bulk")).SumAsync(u => EF.Property<int>(u, UserLicenseCount.Column)));
    }

    [Theory]
    [MemberData(nameof(Batchings))]
    public async Task RowsWritten_RollBackWithTheTransaction(string batching)
    {
        var users = Enumerable.Range(0, 1500).Select(NewUser).ToList();
        var entries = users.Select(u => new AuditEntry(DemoDataSeeder.ContosoId, Now, "admin@contoso.com", "Global administrator", AuditAction.AddUser,
            u.UserPrincipalName, AuditOutcome.Succeeded, targetId: u.Id)).ToList();
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => WriteTransaction.RunAsync<bool>(db, async token =>
        {
            await InsertAsync(db, users, batching, token);
            await InsertAsync(db, entries, batching, token);
            // Inside the transaction the rows are there, as the import's later steps (groups, licenses) need them.
            Assert.Equal(1500, await db.DirectoryUsers.CountAsync(u => u.UserPrincipalName.StartsWith("bulk"), token));
            throw new InvalidOperationException("a later step of the change failed"); // not one the server providers retry
        }, CancellationToken.None));

        await using var read = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        Assert.False(await read.DirectoryUsers.AnyAsync(u => u.UserPrincipalName.StartsWith("bulk")));
        Assert.False(await read.AuditEntries.AnyAsync(e => e.OccurredUtc == Now));
    }

    [Fact]
    public async Task RowOfAnotherTenant_IsRefused_AndNothingIsWritten()
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var entry = new AuditEntry(DemoDataSeeder.FabrikamId, Now, "admin@contoso.com", "Global administrator", AuditAction.UpdateUser, "x", AuditOutcome.Succeeded);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => WriteTransaction.RunAsync(db, async token =>
        {
            await BulkInsert.InsertAsync(db, [entry], token);
            return true;
        }, CancellationToken.None));

        Assert.Equal("A context scoped to one tenant cannot write another tenant's data.", error.Message);
        Assert.False(await db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.OccurredUtc == Now));
    }

    [Fact]
    public async Task OutsideATransaction_IsRefused()
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var entry = new AuditEntry(DemoDataSeeder.ContosoId, Now, "admin@contoso.com", "Global administrator", AuditAction.UpdateUser, "x", AuditOutcome.Succeeded);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BulkInsert.InsertAsync(db, [entry], CancellationToken.None));

        Assert.Equal("Bulk inserts run inside the transaction of the change they belong to.", error.Message);
    }

    [Fact]
    public async Task ARowTheDatabaseRefuses_IsReportedAsSaveChangesReportsIt()
    {
        var user = (await ContosoUsersAsync(1))[0];
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        LicenseAssignment Assignment() => new(Guid.NewGuid(), DemoDataSeeder.ContosoId, user, DemoTenant.E5, [], Now);

        // The second row breaks the unique index on (UserId, ProductId), as a concurrent assign of the same product would.
        await Assert.ThrowsAsync<DbUpdateException>(() => WriteTransaction.RunAsync(db, async token =>
        {
            await BulkInsert.InsertAsync(db, [Assignment(), Assignment()], token);
            return true;
        }, CancellationToken.None));
    }

    private static DirectoryUser NewUser(int i)
    {
        var user = new DirectoryUser(Guid.CreateVersion7(), DemoDataSeeder.ContosoId, $"bulk{i:D5}@contoso.com", $"Bulk Person {i}", UserKind.User, Now);
        user.UpdateProfile($"Bulk Person {i}", "Bulk", i % 2 == 0 ? $"Person {i}" : null, "Sales", "Specialist");
        user.SetUsageLocation(i % 3 == 0 ? null : "DK");
        user.SetContact(new ContactDetails { Office = $"B{i % 10}", OfficePhone = "+45 33 12 34 56", City = i % 2 == 0 ? "København" : null });
        return user;
    }

    private static string User(DirectoryUser u) =>
        $"{u.Id} {u.TenantId} {u.UserPrincipalName} {u.DisplayName} {u.FirstName} {u.LastName} {u.Department} {u.JobTitle} {u.UsageLocation} {u.Kind} " +
        $"{u.Office} {u.OfficePhone} {u.City} {u.Roles} {u.SignInBlocked} {Time(u.CreatedUtc)} {Time(u.DeletedUtc)}";

    private async Task<List<Guid>> ContosoUsersAsync(int count)
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.DirectoryUsers.Where(u => !db.LicenseAssignments.Any(a => a.UserId == u.Id)).OrderBy(u => u.UserPrincipalName)
            .Select(u => u.Id).Take(count).ToListAsync();
    }

    // SQLite gives times back without their kind; the instant is what must survive.
    private static string Time(DateTime? utc) => $"{utc:yyyy-MM-dd HH:mm:ss.fffffff}";

    private static string Audit(AuditEntry e) =>
        $"{e.TenantId} {Time(e.OccurredUtc)} {e.ActorUpn} {e.ActorRole} {e.Action} {e.Target} {e.Outcome} {e.Before} {e.After} {e.OperationId} {e.Detail} {e.TargetId}";

    private static string Provisioning(ServiceProvisioning p) =>
        $"{p.Id} {p.TenantId} {p.UserId} {p.Family} {p.State} {Time(p.RetainedUntilUtc)} {Time(p.ChangedUtc)}";

    private static string Assignment(LicenseAssignment a) =>
        $"{a.Id} {a.TenantId} {a.UserId} {a.ProductId} {string.Join(',', a.DisabledPlanIds)} {Time(a.AssignedUtc)}";
}
