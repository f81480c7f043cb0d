using System.Diagnostics;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Licensing;

namespace LicenseAdmin.Benchmarks;

/// <summary>50 single assigns at once through <see cref="LicenseService.AssignAsync"/> for a product with 10 seats left.</summary>
public sealed class SeatRaceBenchmark(BenchmarkDatabase template, SeededTenant tenant, Report report)
{
    public async Task RunAsync()
    {
        await using var copy = template.Copy();
        var service = copy.Get<LicenseService>();
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
        var winners = outcomes.Count(o => o == "won");
        var others = outcomes.Where(o => o is not "won" and not "CountViolation").Distinct().ToList();
        report.Add($"4 race: {outcomes.Length} assigns for {TenantSeeder.RaceSeats} seats", new Sample(watch.Elapsed.TotalMilliseconds, watch.Elapsed.TotalMilliseconds, 1),
            note: $"{winners} winners");
        report.Check("race has exactly 10 winners", winners == TenantSeeder.RaceSeats, $"{winners} winners");
        report.Check("race losers all CountViolation", others.Count == 0, others.Count == 0 ? "yes" : string.Join(" | ", others.Take(3)));
    }
}
