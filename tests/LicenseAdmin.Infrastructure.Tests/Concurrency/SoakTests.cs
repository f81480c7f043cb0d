using System.Collections.Concurrent;
using System.Text.Json;
using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Seats;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LicenseAdmin.Infrastructure.Tests.Concurrency;

/// <summary>
/// Many admins at once: 20 workers run random license, user, seat and role changes through the real services, each
/// call with its own DbContext and connection, then the database must still keep every promise. The random sequence
/// comes from a seed that is printed, so a failing run can be repeated (set LICENSEADMIN_SOAK_SEED).
/// </summary>
/// <remarks>
/// Runs on every provider. On PostgreSQL the writers really overlap, which is what the soak is for: 1,000 operations.
/// SQLite runs one writer at a time, so no race can happen there; the soak still checks the bookkeeping (counters,
/// audit, orphans) with the same code, at 100 operations: queued one by one they take as long as the 1,000 overlapping
/// ones on PostgreSQL.
/// </remarks>
public sealed class SoakTests(ITestOutputHelper output) : DemoDatabaseTest
{
    private const int Workers = 20;
    private const int People = 150;
    private static readonly int Operations = TestProvider.IsSqlite ? 100 : 1000;
    // Deletions pick among the first 15 people and restores among people 10 to 19, who start deleted: the two overlap,
    // so deletes and restores race for the same users, and the first restore of the run always finds its user deleted.
    private const int DeleteFrom = 0, DeleteTo = 15, RestoreFrom = 10, RestoreTo = 20;
    // Removes pick among people 20 to 49, who start with both products, so the first remove of a pair finds it held.
    private const int HoldersFrom = 20, HoldersTo = 50;
    private static readonly Guid[] Products = [DemoTenant.E3, DemoTenant.E5];

    private readonly ConcurrentBag<Outcome> _outcomes = [];

    private LicenseService Licenses => Database.Services.GetRequiredService<LicenseService>();
    private UserService Users => Database.Services.GetRequiredService<UserService>();
    private SubscriptionService Subscriptions => Database.Services.GetRequiredService<SubscriptionService>();

    [Fact]
    public async Task ThousandRandomChangesFromTwentyWorkers_KeepEverySeatCounterExact_AuditEachChangeOnce_AndReachNoUserAsAnError()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LICENSEADMIN_SOAK_SEED"), out var given) ? given : Random.Shared.Next();
        output.WriteLine($"Soak seed {seed} ({Operations} operations, {Workers} workers, provider {TestProvider.Name}); repeat with LICENSEADMIN_SOAK_SEED={seed}");
        var actors = await ActorsAsync();
        // 60 seats free for the mix once the holders have theirs.
        foreach (var product in Products) await LeaveFreeSeatsAsync(actors.Billing, product, 60 + HoldersTo - HoldersFrom);
        var people = await AddPeopleAsync(People);
        await Users.DeleteAsync(actors.UserAdmin, UserSelection.Of(people[RestoreFrom..RestoreTo]), CancellationToken.None);
        foreach (var product in Products)
            await Licenses.ApplyAsync(actors.LicenseAdmin, Bulk(BulkLicenseMode.AddToExisting, people[HoldersFrom..HoldersTo], product), CancellationToken.None);
        var lastAuditBefore = await LastAuditIdAsync();

        // Each worker draws its operations from its own generator, seeded from the test's seed.
        var perWorker = Operations / Workers;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(seed, worker));
            await gate.Task;
            for (var i = 0; i < perWorker; i++) await RunOneAsync(random, actors, people);
        })).ToList();
        gate.SetResult();
        await Task.WhenAll(workers);

        var outcomes = _outcomes.ToList();
        output.WriteLine($"{outcomes.Count(o => o.Succeeded)} succeeded, {outcomes.Count(o => o.Refusal is not null)} refused: " +
            string.Join(", ", outcomes.GroupBy(o => o.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count(o => o.Succeeded)}/{g.Count()}")));
        Assert.Equal(perWorker * Workers, outcomes.Count);
        // A deadlock, serialization failure or dropped connection is retried by the execution strategy, never shown.
        Assert.Empty(outcomes.Where(o => o.Error is not null).Select(o => $"{o.Kind}: {o.Error}"));
        // Enough of each kind went through for the check to mean something.
        Assert.All(Enum.GetValues<OperationKind>(), kind => Assert.Contains(outcomes, o => o.Kind == kind && o.Succeeded));

        await AssertSeatCountersExactAsync();
        await AssertNoDeletedUserHoldsALicenseAsync();
        await AssertAGlobalAdminRemainsAsync();
        await AssertEachSucceededChangeAuditedOnceAsync(outcomes, lastAuditBefore, actors);
    }

    private enum OperationKind { Assign, Remove, BulkAdd, BulkReplace, BulkRemove, Delete, Restore, IncreaseSeats, ReduceSeats, ChangeRole }

    /// <summary>One operation as a caller sees it: what it returned, the refusal's sentence, or an error that is not a refusal.</summary>
    private sealed record Outcome(OperationKind Kind, object? Result, string? Refusal, string? Error)
    {
        public bool Succeeded => Refusal is null && Error is null;
    }

    private sealed record Actors(Caller LicenseAdmin, Caller UserAdmin, Caller Billing, IReadOnlyList<Caller> GlobalAdmins);

    private async Task RunOneAsync(Random random, Actors actors, List<Guid> people)
    {
        var kind = (OperationKind)random.Next(Enum.GetValues<OperationKind>().Length);
        var product = Products[random.Next(Products.Length)];
        var person = kind switch
        {
            OperationKind.Delete => people[random.Next(DeleteFrom, DeleteTo)],
            OperationKind.Restore => people[random.Next(RestoreFrom, RestoreTo)],
            OperationKind.Remove => people[random.Next(HoldersFrom, HoldersTo)],
            _ => people[random.Next(people.Count)],
        };
        var some = Enumerable.Range(0, random.Next(3, 16)).Select(_ => people[random.Next(people.Count)]).Distinct().ToList();
        var none = CancellationToken.None;
        Func<Task<object?>> operation = kind switch
        {
            OperationKind.Assign => async () => await Licenses.AssignAsync(actors.LicenseAdmin, person, product, null, none),
            OperationKind.Remove => async () => await Licenses.RemoveAsync(actors.LicenseAdmin, person, product, none),
            OperationKind.BulkAdd => async () => await Licenses.ApplyAsync(actors.LicenseAdmin, Bulk(BulkLicenseMode.AddToExisting, some, product), none),
            OperationKind.BulkReplace => async () => await Licenses.ApplyAsync(actors.LicenseAdmin, Bulk(BulkLicenseMode.ReplaceExisting, some, product), none),
            OperationKind.BulkRemove => async () => await Licenses.ApplyAsync(actors.LicenseAdmin, Bulk(BulkLicenseMode.RemoveAll, some, null), none),
            OperationKind.Delete => async () => await Users.DeleteAsync(actors.UserAdmin, UserSelection.Of([person]), none),
            OperationKind.Restore => async () => await Users.RestoreAsync(actors.UserAdmin, [person], none),
            OperationKind.IncreaseSeats => async () => await Subscriptions.BuyAsync(actors.Billing, product, random.Next(1, 4), null, none),
            OperationKind.ReduceSeats => async () => await Subscriptions.ReduceAsync(actors.Billing, product, random.Next(1, 4), none),
            _ => ChangeRole(random, actors),
        };
        try
        {
            _outcomes.Add(new Outcome(kind, await operation(), null, null));
        }
        catch (DomainException refused)
        {
            _outcomes.Add(new Outcome(kind, null, refused.Message, null));
        }
        catch (Exception error)
        {
            _outcomes.Add(new Outcome(kind, null, null, error.ToString()));
        }
    }

    /// <summary>One of four global admins gives another (or itself) the global role or takes it away.</summary>
    private Func<Task<object?>> ChangeRole(Random random, Actors actors)
    {
        var caller = actors.GlobalAdmins[random.Next(actors.GlobalAdmins.Count)];
        var target = actors.GlobalAdmins[random.Next(actors.GlobalAdmins.Count)].UserId;
        var roles = random.Next(2) == 0 ? AdminRoles.GlobalAdministrator : AdminRoles.None;
        return async () =>
        {
            await Users.SetRolesAsync(caller, target, roles, CancellationToken.None);
            return null;
        };
    }

    private static BulkLicenseRequest Bulk(BulkLicenseMode mode, IReadOnlyList<Guid> users, Guid? product) =>
        new(mode, UserSelection.Of(users), product is { } id ? [ProductLicense.AllPlansOn(id)] : []);

    private async Task AssertSeatCountersExactAsync()
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var counters = await db.SeatCounters.AsNoTracking().ToListAsync();
        var totals = await SeatCounterRecalculator.TotalSeatsAsync(db, DemoDataSeeder.ContosoId, CancellationToken.None);
        var assigned = await SeatCounterRecalculator.AssignedSeatsAsync(db, DemoDataSeeder.ContosoId, CancellationToken.None);
        Assert.NotEmpty(counters);
        Assert.All(counters, c =>
        {
            Assert.Equal((totals.GetValueOrDefault(c.ProductId), assigned.GetValueOrDefault(c.ProductId)), (c.TotalSeats, c.AssignedSeats));
            Assert.True(c.AssignedSeats <= c.TotalSeats, $"{c.ProductId}: {c.AssignedSeats} assigned of {c.TotalSeats}");
        });
    }

    private async Task AssertNoDeletedUserHoldsALicenseAsync()
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        Assert.Equal(0, await db.LicenseAssignments.CountAsync(a => db.DirectoryUsers.Any(u => u.Id == a.UserId && u.DeletedUtc != null)));
    }

    private async Task AssertAGlobalAdminRemainsAsync()
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        Assert.True(await db.DirectoryUsers.AnyAsync(u => u.DeletedUtc == null && (u.Roles & AdminRoles.GlobalAdministrator) != 0));
    }

    /// <summary>
    /// Every "Succeeded" entry written during the soak belongs to exactly one change that succeeded, and every change
    /// that succeeded has its entries: license changes one per user changed (found by the operation id the caller got
    /// back), a deletion or restore one per user (and one license entry when licenses went or came back with it), a seat
    /// change one, a role change one per real change (the entries of each admin chain: each starts from the last one's end).
    /// </summary>
    private async Task AssertEachSucceededChangeAuditedOnceAsync(IReadOnlyList<Outcome> outcomes, long lastAuditBefore, Actors actors)
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Id > lastAuditBefore).OrderBy(e => e.Id).ToListAsync();
        var succeeded = entries.Where(e => e.Outcome == AuditOutcome.Succeeded).ToList();
        var done = outcomes.Where(o => o.Succeeded).ToList();

        // License changes: the caller's operation id finds exactly the users it changed.
        var licenseChanges = done.Select(o => o.Result).OfType<LicenseChangeResult>().ToList();
        foreach (var change in licenseChanges.Where(c => !c.NothingToDo))
            Assert.Equal(Enumerable.Repeat(AuditAction.ChangeUserLicense, change.UsersChanged),
                succeeded.Where(e => e.OperationId == change.OperationId).Select(e => e.Action));

        // Deletions and restores: one entry per user, plus the license entry of the same operation when licenses moved.
        var deletions = succeeded.Where(e => e.Action == AuditAction.DeleteUser).ToList();
        var restores = succeeded.Where(e => e.Action == AuditAction.RestoreUser).ToList();
        Assert.Equal(done.Count(o => o.Kind == OperationKind.Delete), deletions.Count);
        Assert.Equal(done.Count(o => o.Kind == OperationKind.Restore), restores.Count);
        var licenseEntriesOf = succeeded.Where(e => e.Action == AuditAction.ChangeUserLicense).ToLookup(e => e.OperationId);
        foreach (var deletion in deletions)
            Assert.Equal(JsonDocument.Parse(deletion.Before!).RootElement.GetArrayLength() > 0 ? 1 : 0, licenseEntriesOf[deletion.OperationId].Count());
        foreach (var restore in restores)
            Assert.Equal(JsonDocument.Parse(restore.After!).RootElement.GetArrayLength() > 0 ? 1 : 0, licenseEntriesOf[restore.OperationId].Count());

        // Seat changes: one entry each.
        Assert.Equal(done.Count(o => o.Kind == OperationKind.IncreaseSeats), succeeded.Count(e => e.Action == AuditAction.PurchaseLicenses));
        Assert.Equal(done.Count(o => o.Kind == OperationKind.ReduceSeats), succeeded.Count(e => e.Action == AuditAction.ReduceLicenses));

        // Role changes: per admin, each entry starts where the one before ended, and the last ends where the admin is now.
        var roleEntries = succeeded.Where(e => e.Action == AuditAction.AddMemberToRole).ToList();
        Assert.True(roleEntries.Count <= done.Count(o => o.Kind == OperationKind.ChangeRole));
        foreach (var admin in actors.GlobalAdmins)
        {
            var chain = roleEntries.Where(e => e.TargetId == admin.UserId).Select(e => (Before: RolesIn(e.Before), After: RolesIn(e.After))).ToList();
            for (var i = 0; i < chain.Count; i++)
            {
                Assert.NotEqual(chain[i].Before, chain[i].After);
                if (i > 0) Assert.Equal(chain[i - 1].After, chain[i].Before);
            }
            var now = await db.DirectoryUsers.Where(u => u.Id == admin.UserId).Select(u => u.Roles).SingleAsync();
            Assert.Equal(RolesIn(AuditTrail.ToJson(new { Roles = now.DisplayName() })), chain.Count > 0 ? chain[^1].After : RolesIn(AuditTrail.ToJson(new { Roles = admin.Roles.DisplayName() })));
        }

        // Nothing else: every succeeded entry of the soak is one of the above.
        var deletionOrRestoreOperations = deletions.Concat(restores).Select(e => e.OperationId).ToHashSet();
        var licenseOperations = licenseChanges.Select(c => c.OperationId).ToHashSet();
        Assert.DoesNotContain(succeeded, e => e.Action == AuditAction.ChangeUserLicense && !licenseOperations.Contains(e.OperationId) && !deletionOrRestoreOperations.Contains(e.OperationId));
        var known = new[] { AuditAction.ChangeUserLicense, AuditAction.DeleteUser, AuditAction.RestoreUser, AuditAction.PurchaseLicenses, AuditAction.ReduceLicenses, AuditAction.AddMemberToRole };
        Assert.Empty(succeeded.Where(e => !known.Contains(e.Action)).Select(e => e.Action));
        // Each refusal the callers saw was audited as one.
        Assert.True(entries.Count(e => e.Outcome == AuditOutcome.Refused) >= outcomes.Count(o => o.Refusal is not null));
    }

    private static string RolesIn(string? json) => JsonDocument.Parse(json!).RootElement.EnumerateObject().Single().Value.GetRawText();

    private static async Task<long> LastAuditIdAsync(TestDatabase database)
    {
        await using var db = await database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private Task<long> LastAuditIdAsync() => LastAuditIdAsync(Database);

    /// <summary>The demo's license, user and billing admins, and four global admins: the demo's own and three more.</summary>
    private async Task<Actors> ActorsAsync()
    {
        var extra = await AddPeopleAsync(3, "global", AdminRoles.GlobalAdministrator);
        var globals = new List<Caller> { await Demo.CallerAsync(Support.Demo.GlobalAdmin) };
        foreach (var id in extra) globals.Add(await Demo.CallerAsync((await Database.UserByIdAsync(id)).UserPrincipalName));
        return new Actors(await Demo.CallerAsync(Support.Demo.LicenseAdmin), await Demo.CallerAsync(Support.Demo.UserAdmin),
            await Demo.CallerAsync(Support.Demo.BillingAdmin), globals);
    }

    /// <summary>Buys seats so exactly <paramref name="free"/> of the product are free.</summary>
    private async Task LeaveFreeSeatsAsync(Caller billing, Guid productId, int free)
    {
        var (total, assigned, _) = await Demo.SeatsAsync(productId);
        var missing = free - (total - assigned);
        Assert.True(missing >= 0, "the demo tenant already has more free seats than the soak wants");
        if (missing > 0) await Subscriptions.BuyAsync(billing, productId, missing, null, CancellationToken.None);
    }

    private async Task<List<Guid>> AddPeopleAsync(int count, string prefix = "soak", AdminRoles roles = AdminRoles.None)
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var now = Database.Clock.GetUtcNow().UtcDateTime;
        var users = Enumerable.Range(1, count).Select(i =>
        {
            var user = new DirectoryUser(Guid.NewGuid(), DemoDataSeeder.ContosoId, $"{prefix}{i:D4}@contoso.com", $"{prefix} {i:D4}", UserKind.User, now);
            user.SetUsageLocation("DK");
            user.SetRoles(roles);
            return user;
        }).ToList();
        db.DirectoryUsers.AddRange(users);
        await db.SaveChangesAsync();
        return users.Select(u => u.Id).ToList();
    }
}
