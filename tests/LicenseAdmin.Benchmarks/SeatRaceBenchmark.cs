using System.Diagnostics;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Licensing;

namespace LicenseAdmin.Benchmarks;

/// <summary>50 single assigns at once through <see cref="LicenseService.AssignAsync"/> for a product with 10 seats left.</summary>
/// <remarks>
/// The first race in the process also pays for JIT compilation and EF Core's query compilation of the assign path, which a
/// running server paid long before its last seats are fought over. So the same race runs once first on its own copy of the
/// database; its time is reported beside the measured one, and its winners are checked too.
/// </remarks>
public sealed class SeatRaceBenchmark(BenchmarkDatabase template, SeededTenant tenant, Report report)
{
    private sealed record RaceOutcome(double Milliseconds, IReadOnlyList<string> Outcomes)
    {
        public int Winners => Outcomes.Count(o => o == "won");

        public IReadOnlyList<string> Others => Outcomes.Where(o => o is not "won" and not "CountViolation").Distinct().ToList();
    }

    public async Task RunAsync()
    {
        RaceOutcome cold;
        await using (var warmUp = template.Copy()) cold = await RaceAsync(warmUp);
        await using var copy = template.Copy();
        var race = await RaceAsync(copy);

        report.Add($"4 race: {race.Outcomes.Count} assigns for {TenantSeeder.RaceSeats} seats", new Sample(race.Milliseconds, race.Milliseconds, 1),
            note: $"{race.Winners} winners; the first (cold) race {cold.Milliseconds:F0} ms");
        foreach (var (name, outcome) in new[] { ("race", race), ("first (cold) race", cold) })
        {
            report.Check($"{name} has exactly 10 winners", outcome.Winners == TenantSeeder.RaceSeats, $"{outcome.Winners} winners");
            report.Check($"{name} losers all CountViolation", outcome.Others.Count == 0,
                outcome.Others.Count == 0 ? "yes" : string.Join(" | ", outcome.Others.Take(3)));
        }
    }

    private async Task<RaceOutcome> RaceAsync(BenchmarkDatabase database)
    {
        var service = database.Get<LicenseService>();
        using var start = new ManualResetEventSlim(false);
        var watch = new Stopwatch();
        var attempts = tenant.RaceUsers.Select(user => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await service.AssignAsync(tenant.Admin, user, tenant.Products.Visio, null, CancellationToken.None);
                return "won";
            }
            catch (LicenseChangeRefusedException refused) when (refused.Violations.All(v => v.Code == ViolationCode.CountViolation))
            {
                return "CountViolation";
            }
            catch (Exception ex)
            {
                return ex.GetType().Name + ": " + ex.Message;
            }
        })).ToList();
        watch.Start();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);
        watch.Stop();
        return new RaceOutcome(watch.Elapsed.TotalMilliseconds, outcomes);
    }
}
