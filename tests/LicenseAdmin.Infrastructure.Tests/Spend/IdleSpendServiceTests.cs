using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Domain.Tenants;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Seats;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Spend;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Spend;

/// <summary>
/// A tenant built for the purpose: E3 (10 seats at 20.00 EUR) and a standalone Exchange product whose plans E3
/// includes (5 seats at 4.00 EUR). Alice holds both; Bob holds E3 and is blocked; Carol holds both and is blocked;
/// Dave holds E3. So E3: 6 unused (120.00), 2 blocked (40.00); Exchange: 3 unused (12.00), 1 blocked (4.00),
/// 2 redundant (8.00). Dave, created 200 days ago, never signed in: E3 1 inactive (20.00). Total 204.00 EUR a month.
/// </summary>
public sealed class IdleSpendServiceTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Guid TenantId = Guid.Parse("5be2d000-0000-4000-8000-000000000001");
    private TestDatabase _database = null!;
    private readonly Dictionary<string, DirectoryUser> _users = [];
    private Guid _exchange;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var now = _database.Clock.GetUtcNow().UtcDateTime;
        await using var db = await _database.Contexts.ForSystemAsync(None);
        var e3Plans = await db.ProductServicePlans.Where(p => p.ProductId == DemoTenant.E3).Select(p => p.ServicePlanId).ToListAsync();
        var candidates = await db.Products.Include(p => p.Plans).Where(p => p.Id != DemoTenant.E3).OrderBy(p => p.PartNumber).ToListAsync();
        _exchange = candidates.First(p => p.Plans.Count > 0 && p.Plans.All(plan => e3Plans.Contains(plan.ServicePlanId))
            && p.PartNumber.StartsWith("EXCHANGE", StringComparison.Ordinal)).Id;

        db.Tenants.Add(new Tenant(TenantId, "Spend Ltd", "spend.onmicrosoft.com", now));
        foreach (var (name, roles, blocked) in new[]
                 {
                     ("global", AdminRoles.GlobalAdministrator, false), ("billing", AdminRoles.BillingAdministrator, false),
                     ("useradmin", AdminRoles.UserAdministrator, false), ("alice", AdminRoles.None, false),
                     ("bob", AdminRoles.None, true), ("carol", AdminRoles.None, true), ("dave", AdminRoles.None, false),
                 })
        {
            // Alice and Dave were created 200 days ago; Alice signed in yesterday, Dave never did, so Dave is inactive.
            var created = name is "alice" or "dave" ? now.AddDays(-200) : now;
            var user = new DirectoryUser(Guid.NewGuid(), TenantId, $"{name}@spend.onmicrosoft.com", name, UserKind.User, created);
            if (name == "alice") user.RecordSignIn(now.AddDays(-1));
            user.SetRoles(roles);
            user.SetSignInBlocked(blocked);
            user.SetUsageLocation("DK");
            db.DirectoryUsers.Add(user);
            _users[name] = user;
        }
        db.Subscriptions.Add(new Subscription(Guid.NewGuid(), TenantId, DemoTenant.E3, 10, SubscriptionStatus.Enabled, now, now.AddYears(1), false, 20.00m, "EUR"));
        db.Subscriptions.Add(new Subscription(Guid.NewGuid(), TenantId, _exchange, 5, SubscriptionStatus.Enabled, now, now.AddYears(1), false, 4.00m, "EUR"));
        foreach (var (name, product) in new[] { ("alice", DemoTenant.E3), ("alice", _exchange), ("bob", DemoTenant.E3), ("carol", DemoTenant.E3), ("carol", _exchange), ("dave", DemoTenant.E3) })
            db.LicenseAssignments.Add(new LicenseAssignment(Guid.NewGuid(), TenantId, _users[name].Id, product, [], now));
        await db.SaveChangesAsync();
        await SeatCounterRecalculator.RecalculateAsync(db, TenantId, None);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private IdleSpendService Spend => _database.Services.GetRequiredService<IdleSpendService>();

    private Caller CallerOf(string name) =>
        new(TenantId, _users[name].Id, _users[name].UserPrincipalName, _users[name].Roles);

    private string Ids(params string[] names) => string.Join(",", names.Select(n => _users[n].Id).Order());

    /// <summary>The users of a line's Active users view, as the grid pages them (all on one page here).</summary>
    private async Task<(int Total, string Ids)> ViewOfAsync(IdleSpendLine line, string caller = "global")
    {
        var filter = await Spend.ViewAsync(CallerOf(caller), line.Category, line.ProductId, null, None);
        var page = await _database.Services.GetRequiredService<UserDirectoryService>().PageAsync(CallerOf(caller), filter, new UserSort(), 0, 50, None);
        return (page.Total, string.Join(",", page.Rows.Select(r => r.Id).Order()));
    }

    [Fact]
    public async Task TheReport_PricesEveryCategoryAtTheListPrice_AndEachLinesView_HoldsTheUsersItCounts()
    {
        var report = await Spend.GetAsync(CallerOf("billing"), None);

        var lines = report.Lines.ToDictionary(l => (l.ProductId, l.Category));
        Assert.Equal(6, lines.Count);
        var inactive = lines[(DemoTenant.E3, IdleSpendCategory.Inactive)];
        Assert.Equal((1, new CurrencyAmount("EUR", 20.00m)), (inactive.Licenses, inactive.MonthlyCost));
        Assert.Equal((1, Ids("dave")), await ViewOfAsync(inactive));
        Assert.Equal((6, new CurrencyAmount("EUR", 120.00m)), (lines[(DemoTenant.E3, IdleSpendCategory.UnusedSeats)].Licenses, lines[(DemoTenant.E3, IdleSpendCategory.UnusedSeats)].MonthlyCost));
        var blockedE3 = lines[(DemoTenant.E3, IdleSpendCategory.BlockedSignIn)];
        Assert.Equal((2, new CurrencyAmount("EUR", 40.00m)), (blockedE3.Licenses, blockedE3.MonthlyCost));
        Assert.Equal((2, Ids("bob", "carol")), await ViewOfAsync(blockedE3));
        Assert.Equal((3, new CurrencyAmount("EUR", 12.00m)), (lines[(_exchange, IdleSpendCategory.UnusedSeats)].Licenses, lines[(_exchange, IdleSpendCategory.UnusedSeats)].MonthlyCost));
        var blockedExchange = lines[(_exchange, IdleSpendCategory.BlockedSignIn)];
        Assert.Equal((1, new CurrencyAmount("EUR", 4.00m)), (blockedExchange.Licenses, blockedExchange.MonthlyCost));
        Assert.Equal((1, Ids("carol")), await ViewOfAsync(blockedExchange));
        var redundant = lines[(_exchange, IdleSpendCategory.Redundant)];
        Assert.Equal((2, new CurrencyAmount("EUR", 8.00m)), (redundant.Licenses, redundant.MonthlyCost));
        Assert.Equal((2, Ids("alice", "carol")), await ViewOfAsync(redundant));
        Assert.Equal([new CurrencyAmount("EUR", 204.00m)], report.Totals);
        Assert.Equal([new CurrencyAmount("EUR", 132.00m)], report.TotalOf(IdleSpendCategory.UnusedSeats));
    }

    [Fact]
    public async Task UnusedSeats_AgreeWithTheLicensesPageSeatFigures()
    {
        var report = await Spend.GetAsync(CallerOf("global"), None);
        var seats = await _database.Services.GetRequiredService<SeatSummaryService>().GetAsync(TenantId, None);

        var unused = report.Lines.Where(l => l.Category == IdleSpendCategory.UnusedSeats).ToDictionary(l => l.ProductId, l => l.Licenses);
        Assert.Equal(seats.Where(s => s.Available > 0).ToDictionary(s => s.ProductId, s => s.Available), unused);
        Assert.Equal((10, 4), seats.Where(s => s.ProductId == DemoTenant.E3).Select(s => (s.Total, s.Assigned)).Single());
    }

    [Fact]
    public async Task AUserAdministrator_IsRefused_WithAMessageNamingTheRole()
    {
        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => Spend.GetAsync(CallerOf("useradmin"), None));

        Assert.Equal("Your role (User administrator) does not allow seeing the spend on idle licenses.", error.Message);
    }

    [Fact]
    public async Task EveryLinesLicenses_EqualTheGridTotalOfItsView_AndTheUnusedSeatsTheLicensesPageFigure()
    {
        var report = await Spend.GetAsync(CallerOf("global"), None);
        var seats = (await _database.Services.GetRequiredService<SeatSummaryService>().GetAsync(TenantId, None)).ToDictionary(s => s.ProductId);

        Assert.Equal(6, report.Lines.Count);
        foreach (var line in report.Lines)
        {
            if (line.Category == IdleSpendCategory.UnusedSeats)
                Assert.Equal(seats[line.ProductId].Available, line.Licenses);
            else
                Assert.Equal(line.Licenses, (await ViewOfAsync(line)).Total);
        }
    }

    [Fact]
    public async Task RemovingTheLicensesOfALinesView_InOneBulkChange_EmptiesTheLine_AndUndoBringsItBack()
    {
        var line = (await Spend.GetAsync(CallerOf("global"), None)).Lines.Single(l => l.ProductId == DemoTenant.E3 && l.Category == IdleSpendCategory.BlockedSignIn);
        var filter = await Spend.ViewAsync(CallerOf("global"), line.Category, line.ProductId, null, None);
        var licenses = _database.Services.GetRequiredService<LicenseService>();

        var result = await licenses.ApplyAsync(CallerOf("global"), new BulkLicenseRequest(BulkLicenseMode.RemoveAll, UserSelection.Matching(filter), []), None);

        Assert.Equal(2, result.UsersChanged);

        var after = await Spend.GetAsync(CallerOf("global"), None);
        Assert.DoesNotContain(after.Lines, l => l.ProductId == DemoTenant.E3 && l.Category == IdleSpendCategory.BlockedSignIn);
        Assert.Equal(8, after.Lines.Single(l => l.ProductId == DemoTenant.E3 && l.Category == IdleSpendCategory.UnusedSeats).Licenses);
        await licenses.UndoAsync(CallerOf("global"), result.OperationId!.Value, None);
        var undone = await Spend.GetAsync(CallerOf("global"), None);
        Assert.Equal(2, undone.Lines.Single(l => l.ProductId == DemoTenant.E3 && l.Category == IdleSpendCategory.BlockedSignIn).Licenses);
    }

    [Fact]
    public async Task ALinesView_IsOpenToEveryAdminWhoSeesActiveUsers_ButTheReportIsNot()
    {
        var line = (await Spend.GetAsync(CallerOf("global"), None)).Lines.Single(l => l.ProductId == _exchange && l.Category == IdleSpendCategory.Redundant);

        Assert.Equal((2, Ids("alice", "carol")), await ViewOfAsync(line, "useradmin"));
    }
}
