namespace LicenseAdmin.Benchmarks;

/// <summary>The purge's rows in set-based SQL, one transaction: mailboxes marked purged, due deleted users deleted with their rows, audit entries.</summary>
public static class PurgeFloor
{
    public static int Run(BenchmarkDatabase database)
    {
        var now = SqliteValues.Of(DateTime.UtcNow);
        var cutoff = SqliteValues.Of(DateTime.UtcNow.AddDays(-30));
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var due = $"SELECT Id FROM DirectoryUsers WHERE DeletedUtc IS NOT NULL AND DeletedUtc <= '{cutoff}'";
        var items = PurgeBenchmark.Scalar(connection, transaction,
            $"SELECT COUNT(*) FROM ServiceProvisionings WHERE State = 'Retained' AND RetainedUntilUtc <= '{now}'");
        PurgeBenchmark.Execute(connection, transaction, $"UPDATE ServiceProvisionings SET State = 'Purged', ChangedUtc = '{now}' WHERE State = 'Retained' AND RetainedUntilUtc <= '{now}'");
        PurgeBenchmark.Execute(connection, transaction, $"UPDATE SharePointDocuments SET OwnerUserId = NULL WHERE OwnerUserId IN ({due})");
        PurgeBenchmark.Execute(connection, transaction, $"DELETE FROM LicenseAssignments WHERE UserId IN ({due})");
        PurgeBenchmark.Execute(connection, transaction, $"DELETE FROM OfficeInstallations WHERE UserId IN ({due})");
        PurgeBenchmark.Execute(connection, transaction, $"DELETE FROM ServiceProvisionings WHERE UserId IN ({due})");
        PurgeBenchmark.Execute(connection, transaction, $"DELETE FROM DirectoryUsers WHERE Id IN ({due})");
        // One audit entry per 100 items, as the service writes one per batch.
        PurgeBenchmark.Execute(connection, transaction,
            $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Math.Max(1, items / 100)}) " +
            $"INSERT INTO AuditEntries (TenantId, OccurredUtc, ActorUpn, ActorRole, Action, Target, Outcome) " +
            $"SELECT (SELECT Id FROM Tenants LIMIT 1), '{now}', 'Retention purge service', 'System', 'PurgeRetainedData', 'batch', 'Succeeded' FROM n");
        transaction.Commit();
        return items;
    }
}
