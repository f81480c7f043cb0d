using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Seats;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests;

public sealed class SubscriptionServiceTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private SubscriptionService Subscriptions => _database.Services.GetRequiredService<SubscriptionService>();

    public static TheoryData<string, string> EveryRoleAndAction()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in Demo.ContosoRoles)
            foreach (var action in new[] { "Buy", "Reduce", "List", "Conflicts" })
                data.Add(role, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRoleAndAction))]
    public async Task EachRole_MayDoExactlyWhatTheRoleTableAllows(string callerUpn, string action)
    {
        var caller = await _database.CallerAsync(callerUpn);
        var e3 = await _database.ProductIdAsync(Demo.E3);
        var isWrite = action is "Buy" or "Reduce";
        var allowed = isWrite ? callerUpn is Demo.GlobalAdmin or Demo.BillingAdmin : callerUpn != Demo.NoRole;
        var before = await _database.SnapshotAsync();
        Func<Task> run = action switch
        {
            "Buy" => () => Subscriptions.BuyAsync(caller, e3, 1, null, None),
            "Reduce" => () => Subscriptions.ReduceAsync(caller, e3, 1, None),
            "List" => () => Subscriptions.ListAsync(caller, None),
            _ => () => Subscriptions.ListConflictsAsync(caller, None),
        };

        if (allowed)
        {
            await run();
            Assert.Equal(isWrite, before != await _database.SnapshotAsync());
            return;
        }

        var error = await Assert.ThrowsAsync<AccessDeniedException>(run);
        var expected = $"Your role ({UserServiceRoleTests.RoleNames[callerUpn]}) does not allow {(isWrite ? "buying or reducing licenses" : "reading users and licenses")}.";
        Assert.Equal(expected, error.Message);
        Assert.Equal(before, await _database.SnapshotAsync());
        if (isWrite)
        {
            var auditAction = action == "Buy" ? AuditAction.PurchaseLicenses : AuditAction.ReduceLicenses;
            var refusal = Assert.Single(await _database.AuditAsync(auditAction));
            Assert.Equal((AuditOutcome.Refused, expected, callerUpn), (refusal.Outcome, refusal.Detail, refusal.ActorUpn));
        }
    }

    [Fact]
    public async Task Buy_AddsUnitsToTheSubscription_RecordsThePurchase_AndMovesTheSeatCounter()
    {
        var caller = await _database.CallerAsync(Demo.BillingAdmin);
        var e3 = await _database.ProductIdAsync(Demo.E3);

        var change = await Subscriptions.BuyAsync(caller, e3, 5, null, None);

        Assert.Equal(new SeatTotalChange(e3, "Office 365 E3", 25, 30, 20), change);
        Assert.Equal((30, 20, 30, 20), await _database.SeatsAsync(Demo.E3));
        await using var db = await _database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, None);
        var purchase = await db.LicensePurchases.SingleAsync();
        Assert.Equal((5, 23.00m, "USD", Demo.BillingAdmin), (purchase.Units, purchase.PricePerUnitMonthly, purchase.Currency, purchase.ActorUpn));
        var entry = Assert.Single(await _database.AuditAsync(AuditAction.PurchaseLicenses));
        Assert.Equal("Bought 5 licenses at 23.00 USD per license per month.", entry.Detail);
    }

    [Fact]
    public async Task BuyingAProductWithoutASubscription_NeedsAPrice_ThenStartsOne()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var m365 = await _database.ProductIdAsync("SPE_E3");

        await Refused(() => Subscriptions.BuyAsync(caller, m365, 3, null, None),
            "The organisation has no subscription for Microsoft 365 E3 yet; give the price per license per month to buy it.", AuditAction.PurchaseLicenses);
        var change = await Subscriptions.BuyAsync(caller, m365, 3, 36.00m, None);

        Assert.Equal((0, 3), (change.TotalBefore, change.TotalAfter));
        Assert.Equal((3, 0, 3, 0), await _database.SeatsAsync("SPE_E3"));
    }

    [Theory]
    [InlineData(0, "buy")]
    [InlineData(-4, "buy")]
    [InlineData(1_000_001, "buy")]
    [InlineData(0, "reduce")]
    [InlineData(-1, "reduce")]
    [InlineData(2_000_000, "reduce")]
    public async Task BadQuantities_AreRefusedNamingTheNumber(int units, string verb)
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var e3 = await _database.ProductIdAsync(Demo.E3);

        await Refused(verb == "buy" ? () => Subscriptions.BuyAsync(caller, e3, units, null, None) : () => Subscriptions.ReduceAsync(caller, e3, units, None),
            $"{units} is not a number of licenses you can {verb}: choose between 1 and 1,000,000.",
            verb == "buy" ? AuditAction.PurchaseLicenses : AuditAction.ReduceLicenses);
    }

    [Fact]
    public async Task ReducingBelowTheAssignedCount_SaysHowManyToUnassign()
    {
        var caller = await _database.CallerAsync(Demo.BillingAdmin);
        var e3 = await _database.ProductIdAsync(Demo.E3);

        await Refused(() => Subscriptions.ReduceAsync(caller, e3, 8, None),
            "Office 365 E3 has 20 licenses assigned; unassign 3 licenses before reducing to 17.", AuditAction.ReduceLicenses);
    }

    [Fact]
    public async Task Reduce_DownToTheAssignedCount_IsAllowedAndRecorded()
    {
        var caller = await _database.CallerAsync(Demo.BillingAdmin);
        var e3 = await _database.ProductIdAsync(Demo.E3);

        var change = await Subscriptions.ReduceAsync(caller, e3, 5, None);

        Assert.Equal((25, 20), (change.TotalBefore, change.TotalAfter));
        Assert.Equal((20, 20, 20, 20), await _database.SeatsAsync(Demo.E3));
        await using var db = await _database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, None);
        Assert.Equal(-5, (await db.LicensePurchases.SingleAsync()).Units);
        Assert.Equal(AuditOutcome.Succeeded, Assert.Single(await _database.AuditAsync(AuditAction.ReduceLicenses)).Outcome);
    }

    [Fact]
    public async Task ReducingMoreThanTheSubscriptionHas_IsRefused()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var e3 = await _database.ProductIdAsync(Demo.E3);

        await Refused(() => Subscriptions.ReduceAsync(caller, e3, 26, None),
            "Office 365 E3 has 25 licenses that can be reduced; 26 cannot be removed.", AuditAction.ReduceLicenses);
    }

    [Fact]
    public async Task Conflicts_ListProductsWithMoreAssignedThanPaid_WithTheirFixes()
    {
        var caller = await _database.CallerAsync(Demo.LicenseAdmin);
        await using (var db = await _database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, None))
        {
            // An expired part of the subscription: 18 paid seats left for 20 assigned.
            var e3 = await _database.ProductIdAsync(Demo.E3);
            var subscription = await db.Subscriptions.SingleAsync(s => s.ProductId == e3);
            subscription.SetState(SubscriptionStatus.Enabled, 18, 0, 0, 0);
            await db.SaveChangesAsync();
            await SeatCounterRecalculator.RecalculateAsync(db, DemoDataSeeder.ContosoId, None);
        }

        var conflict = Assert.Single(await Subscriptions.ListConflictsAsync(caller, None));

        Assert.Equal(("Office 365 E3", 18, 20, 2), (conflict.Product, conflict.Total, conflict.Assigned, conflict.Excess));
        Assert.Equal(["Buy 2 licenses of Office 365 E3.", "Unassign 2 licenses of Office 365 E3.", "Delete 2 users who hold Office 365 E3."], conflict.Fixes.Select(f => f.ToString()));
    }

    [Fact]
    public async Task Prices_AreShownOnlyToGlobalAndBillingAdmins()
    {
        var billing = await Subscriptions.ListAsync(await _database.CallerAsync(Demo.BillingAdmin), None);
        var license = await Subscriptions.ListAsync(await _database.CallerAsync(Demo.LicenseAdmin), None);

        Assert.Equal([new CurrencyAmount("USD", 25 * 23.00m)], billing.Single(p => p.Product == "Office 365 E3").MonthlyCosts);
        Assert.All(license, p => Assert.Null(p.MonthlyCosts));
        Assert.Equal(billing.Select(p => (p.Product, p.Total, p.Assigned)), license.Select(p => (p.Product, p.Total, p.Assigned)));
    }

    [Fact]
    public async Task List_AProductBoughtInTwoCurrencies_ShowsOneCostPerCurrency_NeverASumUnderTheFirstCurrency()
    {
        var e3 = await _database.ProductIdAsync(Demo.E3);
        await using (var db = await _database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, None))
        {
            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            db.Subscriptions.Add(new Subscription(Guid.NewGuid(), DemoDataSeeder.ContosoId, e3, 10, SubscriptionStatus.Enabled,
                start, start.AddYears(1), isTrial: false, 20.00m, "EUR"));
            await db.SaveChangesAsync(None);
        }

        var e3Row = (await Subscriptions.ListAsync(await _database.CallerAsync(Demo.BillingAdmin), None)).Single(p => p.Product == "Office 365 E3");

        Assert.Equal([new CurrencyAmount("EUR", 10 * 20.00m), new CurrencyAmount("USD", 25 * 23.00m)], e3Row.MonthlyCosts);
    }

    [Fact]
    public async Task BuyingForTheOwnTenant_NeverTouchesAnotherTenantsSeats()
    {
        var e3 = await _database.ProductIdAsync(Demo.E3);
        var fabrikamBefore = await _database.SeatsAsync(Demo.E3, DemoDataSeeder.FabrikamId);

        await Subscriptions.BuyAsync(await _database.CallerAsync(Demo.GlobalAdmin), e3, 4, null, None);
        await Subscriptions.ReduceAsync(await _database.CallerAsync(Demo.GlobalAdmin), e3, 2, None);

        Assert.Equal(fabrikamBefore, await _database.SeatsAsync(Demo.E3, DemoDataSeeder.FabrikamId));
        Assert.DoesNotContain(await Subscriptions.ListAsync(await _database.CallerAsync(Demo.FabrikamAdmin), None), p => p.Total == 27);
        Assert.Empty(await _database.AuditAsync(AuditAction.PurchaseLicenses, DemoDataSeeder.FabrikamId));
    }

    [Fact]
    public async Task AnUnknownProductId_IsRefusedByName()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var unknown = Guid.NewGuid();

        await Refused(() => Subscriptions.BuyAsync(caller, unknown, 1, 10m, None), $"There is no product {unknown} in the catalog.", AuditAction.PurchaseLicenses);
    }

    private async Task Refused(Func<Task> action, string message, string auditAction)
    {
        var before = await _database.SnapshotAsync();
        var error = await Assert.ThrowsAsync<SubscriptionChangeRefusedException>(action);
        Assert.Equal(message, error.Message);
        Assert.Equal(before, await _database.SnapshotAsync());
        Assert.Contains(await _database.AuditAsync(auditAction), e => e.Outcome == AuditOutcome.Refused && e.Detail == message);
    }
}
