using LicenseAdmin.Infrastructure.Retention;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// The retention purge through <see cref="RetentionPurger.RunOnceAsync"/> on a copy where every user's mailbox is retained
/// and past its 30 days (one due item per user, plus the deleted users past theirs), beside the same rows in set-based SQL.
/// </summary>
public sealed class PurgeBenchmark(BenchmarkDatabase template, SeededTenant tenant, BenchmarkOptions options, Report report)
{
    public async Task RunAsync()
    {
        var results = new List<PurgeRunResult>();
        var expected = 0;
        // Each run on its own copy; the first one in the process also pays for compiling the purge's queries, which the
        // median leaves out and the p95 and the longest batch keep.
        var sample = await Timing.MeasureWithSetupAsync(options.PurgeRepetitions, () => Task.FromResult(PrepareCopy(out expected)),
            async copy => results.Add(await copy.Get<RetentionPurger>().RunOnceAsync(dryRun: false, CancellationToken.None)),
            async copy => await copy.DisposeAsync());
        var floor = await Timing.MeasureWithSetupAsync(options.PurgeRepetitions, () => Task.FromResult(PrepareCopy(out _)),
            copy => Task.FromResult(PurgeFloor.Run(copy)), async copy => await copy.DisposeAsync());
        var purged = results.Select(r => r.Counts.Mailboxes + r.Counts.Users).ToList();
        var longest = results.Max(r => r.LongestBatch);
        var longestWarm = results.Count > 1 ? $" ({results.Skip(1).Max(r => r.LongestBatch).TotalMilliseconds:F0} ms after the first run)" : "";
        report.Add($"3 purge: {purged[0]:N0} items, {results[0].Batches} batches", sample, floor,
            $"longest batch {longest.TotalMilliseconds:F0} ms{longestWarm}");
        report.Check("purge removed every due item", results.All(r => r.Outcome == PurgeRunOutcome.Completed) && purged.All(p => p == expected),
            $"{string.Join(", ", purged.Select(p => p.ToString("N0")))} purged, {expected:N0} due");
        report.Check("purge longest batch recorded", longest > TimeSpan.Zero, $"{longest.TotalMilliseconds:F0} ms");
    }

    private BenchmarkDatabase PrepareCopy(out int dueItems)
    {
        var copy = template.Copy();
        var provider = copy.Provider;
        using var connection = copy.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var lost = ("@lost", provider.Time(tenant.SeededUtc.AddDays(-40)));
        var until = ("@until", provider.Time(tenant.SeededUtc.AddDays(-10)));
        Sql.Execute(connection, transaction,
            "UPDATE \"ServiceProvisionings\" SET \"State\" = 'Retained', \"RetainedUntilUtc\" = @until, \"ChangedUtc\" = @lost WHERE \"Family\" = 'Exchange'",
            until, lost);
        Sql.Execute(connection, transaction,
            "INSERT INTO \"ServiceProvisionings\" (\"Id\", \"TenantId\", \"UserId\", \"Family\", \"State\", \"RetainedUntilUtc\", \"ChangedUtc\") " +
            $"SELECT {provider.NewIdSql}, u.\"TenantId\", u.\"Id\", 'Exchange', 'Retained', @until, @lost FROM \"DirectoryUsers\" u " +
            "WHERE u.\"Roles\" = 0 AND NOT EXISTS (SELECT 1 FROM \"ServiceProvisionings\" p WHERE p.\"UserId\" = u.\"Id\" AND p.\"Family\" = 'Exchange')",
            until, lost);
        dueItems = Sql.Scalar(connection, transaction, "SELECT COUNT(*) FROM \"ServiceProvisionings\" WHERE \"State\" = 'Retained'")
            + Sql.Scalar(connection, transaction, "SELECT COUNT(*) FROM \"DirectoryUsers\" WHERE \"DeletedUtc\" IS NOT NULL AND \"DeletedUtc\" <= @cutoff",
                ("@cutoff", provider.Time(DateTime.UtcNow.AddDays(-30))));
        transaction.Commit();
        if (provider is PostgreSqlBenchmarkProvider) Sql.Execute(connection, null, "ANALYZE \"ServiceProvisionings\"");
        return copy;
    }
}
