using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Seats;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Licensing;

/// <summary>The seat counters heal: a counter that drifted from the real assignments is corrected, logged and audited.</summary>
public sealed class SeatCounterCheckTests : DemoDatabaseTest
{
    private SeatCounterCheck Check => Database.Services.GetRequiredService<SeatCounterCheck>();

    [Fact]
    public async Task MatchingCounters_AreLeftAlone_AndNothingIsAudited()
    {
        Assert.Equal(0, await Check.RunAsync(CancellationToken.None));

        Assert.Empty(await Database.AuditAsync(AuditAction.CorrectSeatCount));
    }

    [Fact]
    public async Task DriftedCounter_IsCorrectedToTheRealCounts_AndAuditedOnce()
    {
        var (total, assigned, real) = await Demo.SeatsAsync(DemoTenant.E3);
        Assert.Equal(assigned, real);
        await using (var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
            await db.SeatCounters.Where(c => c.ProductId == DemoTenant.E3)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.AssignedSeats, c => c.AssignedSeats - 3).SetProperty(c => c.TotalSeats, c => c.TotalSeats + 7));

        var corrected = await Check.RunAsync(CancellationToken.None);
        var again = await Check.RunAsync(CancellationToken.None);

        Assert.Equal((1, 0), (corrected, again));
        Assert.Equal((total, assigned, real), await Demo.SeatsAsync(DemoTenant.E3));
        var entry = Assert.Single(await Database.AuditAsync(AuditAction.CorrectSeatCount));
        Assert.Equal(("Seat counter check", "Office 365 E3", AuditOutcome.Succeeded), (entry.ActorUpn, entry.Target, entry.Outcome));
        Assert.Equal($"Stored {assigned - 3} assigned of {total + 7}; the real count is {assigned} of {total}.", entry.Detail);
    }

    [Fact]
    public void CheckInterval_ThatIsNotPositive_StopsStartupNamingTheKey()
    {
        var error = Assert.Throws<ConfigurationValueException>(() =>
            TestDatabase.BuildServices(new Dictionary<string, string?> { ["SeatCounters:CheckInterval"] = "00:00:00" }, out _));

        Assert.Equal("SeatCounters:CheckInterval must be a positive time span such as 01:00:00; it is '00:00:00'.", error.Message);
    }
}
