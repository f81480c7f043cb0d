using System.Diagnostics;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Licensing;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// 20 admins at once, each on its own service scope (so each call its own DbContext and pooled connection), doing random
/// single assigns and removes of Visio (10 seats left) through <see cref="LicenseService"/> for a fixed time against one
/// tenant. Each worker has its own 10 users, so workers meet only on the product's seats. Reports operations per second and
/// latency; checks afterwards that no product is oversold (every seat counter equals the real count of assignments and
/// is within its total), that each worker's users hold exactly what the worker was told succeeded, that the audit log has
/// one entry per success and one refusal per refusal, and that nothing failed but seat refusals.
/// </summary>
public sealed class ConcurrentAdminsBenchmark(BenchmarkDatabase template, SeededTenant tenant, BenchmarkOptions options, Report report)
{
    private sealed record WorkerResult(List<double> Milliseconds, int Succeeded, int Refused, List<string> Errors, HashSet<Guid> Held);

    public async Task RunAsync()
    {
        await using var copy = template.Copy();
        var duration = TimeSpan.FromSeconds(options.Quick ? 5 : 30);
        var auditBefore = AuditCounts(copy);
        await WarmUpAsync(copy);
        var auditAfterWarmUp = AuditCounts(copy);

        var workers = tenant.WorkerUsers.Chunk(TenantSeeder.UsersPerAdminWorker).ToList();
        using var start = new ManualResetEventSlim(false);
        var watch = new Stopwatch();
        var tasks = workers.Select((users, index) => Task.Run(() => WorkAsync(copy, users, index, start, watch, duration))).ToList();
        watch.Start();
        start.Set();
        var results = await Task.WhenAll(tasks);
        watch.Stop();

        var latencies = results.SelectMany(r => r.Milliseconds).ToList();
        var operations = latencies.Count;
        var succeeded = results.Sum(r => r.Succeeded);
        var refused = results.Sum(r => r.Refused);
        var errors = results.SelectMany(r => r.Errors).ToList();
        var perSecond = operations / watch.Elapsed.TotalSeconds;
        report.Add($"6 concurrent admins: {workers.Count} workers, {duration.TotalSeconds:F0} s", Sample.Of(latencies),
            note: $"{perSecond:F0} operations/s ({operations:N0}: {succeeded:N0} succeeded, {refused:N0} seat refusals, {errors.Count} errors); times are per operation");

        var counters = SeatCounters(copy);
        var oversold = counters.Where(c => c.Assigned != c.Real || c.Real > c.Total).ToList();
        report.Check("concurrent admins: 0 oversold (every counter = real count <= total)", oversold.Count == 0,
            oversold.Count == 0 ? $"{counters.Count} products; Visio {string.Join("", counters.Where(c => c.Product == tenant.Products.Visio).Select(c => $"{c.Real} of {c.Total}"))}"
                : string.Join("; ", oversold.Select(c => $"{c.Product}: counter {c.Assigned}, real {c.Real}, total {c.Total}")));
        report.Check("concurrent admins: 0 errors other than seat refusals", errors.Count == 0,
            errors.Count == 0 ? $"{refused:N0} seat refusals" : string.Join(" | ", errors.Distinct().Take(3)));
        var expected = results.SelectMany(r => r.Held).ToHashSet();
        var actual = VisioHolders(copy, tenant.WorkerUsers);
        report.Check("concurrent admins: the users hold what the workers were told", expected.SetEquals(actual),
            $"{actual.Count} hold Visio, the workers expected {expected.Count}");
        var auditAfter = AuditCounts(copy);
        var audited = (Succeeded: auditAfter.Succeeded - auditAfterWarmUp.Succeeded, Refused: auditAfter.Refused - auditAfterWarmUp.Refused);
        report.Check("concurrent admins: one audit entry per change, one refusal entry per refusal",
            audited.Succeeded == succeeded && audited.Refused == refused && auditAfterWarmUp.Succeeded - auditBefore.Succeeded == 2,
            $"{audited.Succeeded:N0} succeeded and {audited.Refused:N0} refused entries for {succeeded:N0} changes and {refused:N0} refusals");
        report.Check("concurrent admins: operations ran", succeeded > 0 && operations > workers.Count, $"{operations:N0} operations");
    }

    /// <summary>One assign and one remove before the clock starts: a running server compiled its queries long ago.</summary>
    private async Task WarmUpAsync(BenchmarkDatabase database)
    {
        var service = database.Get<LicenseService>();
        var user = tenant.RaceUsers[0];
        await service.AssignAsync(tenant.Admin, user, tenant.Products.Visio, null, CancellationToken.None);
        await service.RemoveAsync(tenant.Admin, user, tenant.Products.Visio, CancellationToken.None);
    }

    private async Task<WorkerResult> WorkAsync(BenchmarkDatabase database, Guid[] users, int index, ManualResetEventSlim start, Stopwatch clock,
        TimeSpan duration)
    {
        await using var scope = database.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<LicenseService>();
        var random = new Random(2026 + index);
        var held = new HashSet<Guid>();
        var result = new WorkerResult([], 0, 0, [], held);
        var (succeeded, refused) = (0, 0);
        start.Wait();
        while (clock.Elapsed < duration)
        {
            // Half removes while the worker's users hold seats, else an assign to one of its users without one.
            var remove = held.Count > 0 && (held.Count == users.Length || random.Next(2) == 0);
            var user = remove ? held.ElementAt(random.Next(held.Count)) : users.Where(u => !held.Contains(u)).ElementAt(random.Next(users.Length - held.Count));
            var watch = Stopwatch.StartNew();
            try
            {
                if (remove)
                {
                    await service.RemoveAsync(tenant.Admin, user, tenant.Products.Visio, CancellationToken.None);
                    held.Remove(user);
                }
                else
                {
                    await service.AssignAsync(tenant.Admin, user, tenant.Products.Visio, null, CancellationToken.None);
                    held.Add(user);
                }
                succeeded++;
            }
            catch (LicenseChangeRefusedException seats) when (!remove && seats.Violations.All(v => v.Code == ViolationCode.CountViolation))
            {
                refused++;
            }
            catch (Exception ex)
            {
                result.Errors.Add($"{(remove ? "remove" : "assign")}: {ex.GetType().Name}: {ex.Message}");
            }
            result.Milliseconds.Add(watch.Elapsed.TotalMilliseconds);
        }
        return result with { Succeeded = succeeded, Refused = refused };
    }

    private (int Succeeded, int Refused) AuditCounts(BenchmarkDatabase database)
    {
        using var connection = database.OpenConnection();
        const string sql = "SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"TenantId\" = @t AND \"Action\" = @action AND \"Outcome\" = @outcome";
        var tenantId = database.Provider.Id(tenant.TenantId);
        var action = ("@action", AuditAction.ChangeUserLicense);
        return (Sql.Scalar(connection, null, sql, ("@t", tenantId), action, ("@outcome", nameof(AuditOutcome.Succeeded))),
            Sql.Scalar(connection, null, sql, ("@t", tenantId), action, ("@outcome", nameof(AuditOutcome.Refused))));
    }

    private List<(Guid Product, int Assigned, int Real, int Total)> SeatCounters(BenchmarkDatabase database)
    {
        using var connection = database.OpenConnection();
        using var command = Sql.Command(connection, null,
            "SELECT c.\"ProductId\", c.\"AssignedSeats\", (SELECT COUNT(*) FROM \"LicenseAssignments\" a JOIN \"DirectoryUsers\" u ON u.\"Id\" = a.\"UserId\" " +
            "WHERE a.\"TenantId\" = c.\"TenantId\" AND a.\"ProductId\" = c.\"ProductId\" AND u.\"DeletedUtc\" IS NULL), c.\"TotalSeats\" " +
            "FROM \"SeatCounters\" c WHERE c.\"TenantId\" = @t", ("@t", database.Provider.Id(tenant.TenantId)));
        using var reader = command.ExecuteReader();
        var rows = new List<(Guid, int, int, int)>();
        while (reader.Read())
            rows.Add((database.Provider.ReadId(reader, 0), Convert.ToInt32(reader.GetValue(1)), Convert.ToInt32(reader.GetValue(2)), Convert.ToInt32(reader.GetValue(3))));
        return rows;
    }

    private HashSet<Guid> VisioHolders(BenchmarkDatabase database, IReadOnlyList<Guid> users)
    {
        using var connection = database.OpenConnection();
        using var command = Sql.Command(connection, null,
            $"SELECT \"UserId\" FROM \"LicenseAssignments\" WHERE \"ProductId\" = @p AND \"UserId\" IN ({string.Join(',', users.Select(database.Provider.Literal))})",
            ("@p", database.Provider.Id(tenant.Products.Visio)));
        using var reader = command.ExecuteReader();
        var holders = new HashSet<Guid>();
        while (reader.Read()) holders.Add(database.Provider.ReadId(reader, 0));
        return holders;
    }
}
