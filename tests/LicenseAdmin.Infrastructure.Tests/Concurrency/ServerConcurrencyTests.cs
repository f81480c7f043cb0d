using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Seats;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Concurrency;

/// <summary>
/// The concurrency promises on a server database, where writers really run at the same time (SQLite queues them).
/// Every actor is its own service call with its own DbContext and connection; all are released at once by a gate.
/// Each test asserts the exact outcome and the sentence the losers see.
/// </summary>
[Trait(TestProvider.Trait, TestProvider.PostgreSql)]
public sealed class ServerConcurrencyTests : DemoDatabaseTest
{
    private const string E3Name = "Office 365 E3";
    private const string NoSeatLeft = $"Nothing was changed. {E3Name}: 1 seat needed, 0 available.";
    private static readonly CancellationToken None = CancellationToken.None;

    private LicenseService Licenses => Database.Services.GetRequiredService<LicenseService>();
    private UserService Users => Database.Services.GetRequiredService<UserService>();
    private SubscriptionService Subscriptions => Database.Services.GetRequiredService<SubscriptionService>();

    [Fact]
    public async Task FiftySingleAssigns_ForTheLastTenSeats_GiveExactlyTenWinners()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        await LeaveFreeSeatsAsync(admin, DemoTenant.E3, 10);
        var people = await AddPeopleAsync(50);

        var outcomes = await RaceAsync(people.Select(user => (Func<Task>)(() => Licenses.AssignAsync(admin, user, DemoTenant.E3, null, None))));

        Assert.Equal(10, outcomes.Count(o => o is null));
        Assert.Equal(Enumerable.Repeat(NoSeatLeft, 40), outcomes.OfType<string>());
        var (total, counter, real) = await Demo.SeatsAsync(DemoTenant.E3);
        Assert.Equal((total, total), (counter, real));
        Assert.Equal(10, await HoldersAmongAsync(people, DemoTenant.E3));
    }

    /// <summary>
    /// 230 free seats: the bulk add of 200 fits only while no more than 30 single assigns went first. Either the bulk
    /// wins whole and 30 singles fill the rest, or it loses whole and all 50 singles win; nothing in between.
    /// </summary>
    [Fact]
    public async Task BulkAddOfTwoHundred_RacingFiftySingleAssigns_IsAllOrNothing_AndNeverOversells()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var (totalBefore, assignedBefore, _) = await Demo.SeatsAsync(DemoTenant.E3);
        await LeaveFreeSeatsAsync(admin, DemoTenant.E3, 230);
        var bulkUsers = await AddPeopleAsync(200);
        var singles = await AddPeopleAsync(50, "single");
        var bulk = new BulkLicenseRequest(BulkLicenseMode.AddToExisting, UserSelection.Of(bulkUsers), [ProductLicense.AllPlansOn(DemoTenant.E3)]);

        var outcomes = await RaceAsync([
            () => Licenses.ApplyAsync(admin, bulk, None),
            .. singles.Select(user => (Func<Task>)(() => Licenses.AssignAsync(admin, user, DemoTenant.E3, null, None))),
        ]);

        var bulkWon = outcomes[0] is null;
        var singleWins = outcomes.Skip(1).Count(o => o is null);
        Assert.Equal(bulkWon ? 200 : 0, await HoldersAmongAsync(bulkUsers, DemoTenant.E3));
        Assert.Equal(bulkWon ? 30 : 50, singleWins);
        Assert.Equal(Enumerable.Repeat(NoSeatLeft, 50 - singleWins), outcomes.Skip(1).OfType<string>());
        if (!bulkWon) Assert.StartsWith($"Nothing was changed. {E3Name}: 200 seats needed, ", outcomes[0]);
        var (total, counter, real) = await Demo.SeatsAsync(DemoTenant.E3);
        var expected = assignedBefore + (bulkWon ? 230 : 50);
        Assert.Equal((expected, expected), (counter, real));
        Assert.True(counter <= total, $"{counter} assigned of {total}");
        Assert.True(total >= totalBefore);
    }

    [Fact]
    public async Task BillingAdminReducingSeats_WhileAdminsAssign_NeverLeavesTotalBelowAssigned()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var billing = await Demo.CallerAsync("billing@contoso.com");
        await LeaveFreeSeatsAsync(admin, DemoTenant.E3, 20);
        var (totalBefore, assignedBefore, _) = await Demo.SeatsAsync(DemoTenant.E3);
        var people = await AddPeopleAsync(20);

        var outcomes = await RaceAsync([
            .. people.Select(user => (Func<Task>)(() => Licenses.AssignAsync(admin, user, DemoTenant.E3, null, None))),
            .. Enumerable.Range(0, 5).Select(_ => (Func<Task>)(() => Subscriptions.ReduceAsync(billing, DemoTenant.E3, 2, None))),
        ]);

        var assigns = outcomes.Take(20).Count(o => o is null);
        var reductions = outcomes.Skip(20).Count(o => o is null);
        var (total, counter, real) = await Demo.SeatsAsync(DemoTenant.E3);
        Assert.Equal((totalBefore - 2 * reductions, assignedBefore + assigns, assignedBefore + assigns), (total, counter, real));
        Assert.True(counter <= total, $"{counter} assigned of {total}");
        Assert.Equal(20, assigns + 2 * reductions + (total - counter));
        Assert.All(outcomes.Take(20).OfType<string>(), message => Assert.Equal(NoSeatLeft, message));
        Assert.All(outcomes.Skip(20).OfType<string>(), message =>
            Assert.Matches($@"^{E3Name} has \d+ licenses assigned; unassign \d+ licenses? before reducing to \d+\.$", message));
    }

    [Fact]
    public async Task TwoGlobalAdmins_RemovingEachOthersGlobalRole_AlwaysLeaveOne()
    {
        var other = await Demo.UserAsync("useradmin@contoso.com");
        var first = await Demo.UserAsync("admin@contoso.com");

        for (var round = 0; round < 5; round++)
        {
            var remaining = await GlobalAdminsAsync();
            var keeper = remaining.Single();
            var promoted = keeper == first.Id ? other.Id : first.Id;
            await Users.SetRolesAsync(await CallerOfAsync(keeper), promoted, AdminRoles.GlobalAdministrator, None);
            var callers = new[] { await CallerOfAsync(first.Id), await CallerOfAsync(other.Id) };

            var outcomes = await RaceAsync([
                () => Users.SetRolesAsync(callers[0], other.Id, AdminRoles.None, None),
                () => Users.SetRolesAsync(callers[1], first.Id, AdminRoles.None, None),
            ]);

            Assert.Single(outcomes, o => o is null);
            Assert.Single(await GlobalAdminsAsync());
            // The loser either found the other the last global admin, or had already lost the role it acted with.
            Assert.Matches(@"is the last global administrator; make another user a global administrator first\.$|^Your role \(User \(no admin role\)\) does not allow ",
                outcomes.OfType<string>().Single());
        }
    }

    /// <summary>
    /// A deleted user who held E3 comes back while another admin assigns E3's last free seat to someone else: the seat
    /// goes to exactly one of them. The restore itself always succeeds; when it loses the seat it says so per user.
    /// </summary>
    [Fact]
    public async Task RestoreOfADeletedHolder_RacingAnAssignForTheLastSeat_GivesTheSeatToOne()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var people = await AddPeopleAsync(6);
        var (returning, newcomer) = (people[0], people[5]);
        await LeaveFreeSeatsAsync(admin, DemoTenant.E3, 5);
        foreach (var holder in people.Take(5)) await Licenses.AssignAsync(admin, holder, DemoTenant.E3, null, None);
        // Deleting the returning user frees the one seat left.
        await Users.DeleteAsync(admin, UserSelection.Of([returning]), None);
        UserRestoreResult? restore = null;

        var outcomes = await RaceAsync([
            async () => restore = await Users.RestoreAsync(admin, [returning], None),
            () => Licenses.AssignAsync(admin, newcomer, DemoTenant.E3, null, None),
        ]);

        Assert.Null(outcomes[0]);
        var restoredWithSeat = Assert.Single(restore!.Users).LicensesNotRestored.Count == 0;
        Assert.Equal(restoredWithSeat ? NoSeatLeft : null, outcomes[1]);
        Assert.Equal((restoredWithSeat ? 1 : 0, restoredWithSeat ? 0 : 1), (await HoldersAmongAsync([returning], DemoTenant.E3), await HoldersAmongAsync([newcomer], DemoTenant.E3)));
        var (total, counter, real) = await Demo.SeatsAsync(DemoTenant.E3);
        Assert.Equal((total, total), (counter, real));
    }

    /// <summary>
    /// One admin deletes a user while another gives the same user a license: whichever commits second sees the first.
    /// Never a deleted user holding a seat, and the seat counters match the assignments exactly.
    /// </summary>
    [Fact]
    public async Task DeleteUser_RacingALicenseChangeOfTheSameUser_LeavesNoOrphanAndExactSeats()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var licenseAdmin = await Demo.CallerAsync("licenseadmin@contoso.com");
        await LeaveFreeSeatsAsync(admin, DemoTenant.E3, 10);
        var people = await AddPeopleAsync(10);

        foreach (var user in people)
        {
            var outcomes = await RaceAsync([
                () => Users.DeleteAsync(admin, UserSelection.Of([user]), None),
                () => Licenses.AssignAsync(licenseAdmin, user, DemoTenant.E3, null, None),
            ]);

            Assert.Null(outcomes[0]);
            Assert.Contains(outcomes[1], new[] { null, $"Nothing was changed. race{people.IndexOf(user) + 1:D4}@contoso.com is deleted. Restore the user before changing licenses." });
        }

        Assert.Equal(0, await HoldersAmongAsync(people, DemoTenant.E3));
        var (total, counter, real) = await Demo.SeatsAsync(DemoTenant.E3);
        Assert.Equal((total - 10, total - 10), (counter, real));
    }

    /// <summary>
    /// Purchases and reductions read the subscription's units and write them back: at once, without the seat counter's
    /// row lock, two of them started from the same count and one was lost while the counter kept both.
    /// </summary>
    [Fact]
    public async Task TwentyPurchasesAndReductionsAtOnce_MoveTheSubscriptionsAndTheCounterByEveryUnit()
    {
        var billing = await Demo.CallerAsync("billing@contoso.com");
        var admin = await Demo.CallerAsync("admin@contoso.com");
        await LeaveFreeSeatsAsync(admin, DemoTenant.E3, 20);
        var (totalBefore, _, _) = await Demo.SeatsAsync(DemoTenant.E3);

        var outcomes = await RaceAsync([
            .. Enumerable.Range(0, 15).Select(_ => (Func<Task>)(() => Subscriptions.BuyAsync(billing, DemoTenant.E3, 3, null, None))),
            .. Enumerable.Range(0, 5).Select(_ => (Func<Task>)(() => Subscriptions.ReduceAsync(billing, DemoTenant.E3, 2, None))),
        ]);

        Assert.All(outcomes, Assert.Null);
        var expected = totalBefore + 15 * 3 - 5 * 2;
        var (total, _, _) = await Demo.SeatsAsync(DemoTenant.E3);
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, None);
        var fromSubscriptions = await SeatCounterRecalculator.TotalSeatsAsync(db, DemoDataSeeder.ContosoId, None);
        Assert.Equal((expected, expected), (total, fromSubscriptions[DemoTenant.E3]));
    }

    private async Task<Caller> CallerOfAsync(Guid userId) =>
        await Demo.CallerAsync((await Database.UserByIdAsync(userId)).UserPrincipalName);

    private async Task<List<Guid>> GlobalAdminsAsync()
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, None);
        return await db.DirectoryUsers.Where(u => u.DeletedUtc == null && (u.Roles & AdminRoles.GlobalAdministrator) != 0).Select(u => u.Id).ToListAsync();
    }

    /// <summary>Starts every action at the same moment, each on its own task; returns null for a success, else the refusal's sentence.</summary>
    private static async Task<string?[]> RaceAsync(IEnumerable<Func<Task>> actions)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = actions.Select(action => Task.Run(async () =>
        {
            await gate.Task;
            try
            {
                await action();
                return null;
            }
            catch (DomainException refused)
            {
                return refused.Message;
            }
        })).ToList();
        gate.SetResult();
        return await Task.WhenAll(running);
    }

    /// <summary>Buys seats so exactly <paramref name="free"/> of the product are free.</summary>
    private async Task LeaveFreeSeatsAsync(Caller admin, Guid productId, int free)
    {
        var (total, assigned, _) = await Demo.SeatsAsync(productId);
        var missing = free - (total - assigned);
        Assert.True(missing >= 0, "the demo tenant already has more free seats than the test wants");
        if (missing > 0) await Subscriptions.BuyAsync(admin, productId, missing, null, None);
    }

    private async Task<List<Guid>> AddPeopleAsync(int count, string prefix = "race")
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, None);
        var now = Database.Clock.GetUtcNow().UtcDateTime;
        var users = Enumerable.Range(1, count).Select(i =>
        {
            var user = new DirectoryUser(Guid.NewGuid(), DemoDataSeeder.ContosoId, $"{prefix}{i:D4}@contoso.com", $"{prefix} {i:D4}", UserKind.User, now);
            user.SetUsageLocation("DK");
            return user;
        }).ToList();
        db.DirectoryUsers.AddRange(users);
        await db.SaveChangesAsync();
        return users.Select(u => u.Id).ToList();
    }

    private async Task<int> HoldersAmongAsync(IReadOnlyList<Guid> users, Guid productId)
    {
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, None);
        return await db.LicenseAssignments.CountAsync(a => a.ProductId == productId && users.Contains(a.UserId));
    }
}
