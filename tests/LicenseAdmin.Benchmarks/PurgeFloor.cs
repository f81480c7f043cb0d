namespace LicenseAdmin.Benchmarks;

/// <summary>The purge's rows in set-based SQL, one transaction: mailboxes marked purged, due deleted users deleted with their rows, audit entries.</summary>
public static class PurgeFloor
{
    public static int Run(BenchmarkDatabase database)
    {
        var provider = database.Provider;
        var now = ("@now", provider.Time(DateTime.UtcNow));
        var cutoff = ("@cutoff", provider.Time(DateTime.UtcNow.AddDays(-30)));
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        const string due = "SELECT \"Id\" FROM \"DirectoryUsers\" WHERE \"DeletedUtc\" IS NOT NULL AND \"DeletedUtc\" <= @cutoff";
        var items = Sql.Scalar(connection, transaction,
            "SELECT COUNT(*) FROM \"ServiceProvisionings\" WHERE \"State\" = 'Retained' AND \"RetainedUntilUtc\" <= @now", now);
        Sql.Execute(connection, transaction,
            "UPDATE \"ServiceProvisionings\" SET \"State\" = 'Purged', \"ChangedUtc\" = @now WHERE \"State\" = 'Retained' AND \"RetainedUntilUtc\" <= @now", now);
        Sql.Execute(connection, transaction, $"UPDATE \"SharePointDocuments\" SET \"OwnerUserId\" = NULL WHERE \"OwnerUserId\" IN ({due})", cutoff);
        Sql.Execute(connection, transaction, $"DELETE FROM \"LicenseAssignments\" WHERE \"UserId\" IN ({due})", cutoff);
        Sql.Execute(connection, transaction, $"DELETE FROM \"OfficeInstallations\" WHERE \"UserId\" IN ({due})", cutoff);
        Sql.Execute(connection, transaction, $"DELETE FROM \"ServiceProvisionings\" WHERE \"UserId\" IN ({due})", cutoff);
        Sql.Execute(connection, transaction, $"DELETE FROM \"DirectoryUsers\" WHERE \"Id\" IN ({due})", cutoff);
        // One audit entry per 100 items, as the service writes one per batch.
        Sql.Execute(connection, transaction,
            "INSERT INTO \"AuditEntries\" (\"TenantId\", \"OccurredUtc\", \"ActorUpn\", \"ActorRole\", \"Action\", \"Target\", \"Outcome\") " +
            $"SELECT (SELECT \"Id\" FROM \"Tenants\" ORDER BY \"Id\" {provider.Page(1, 0)}), @now, 'Retention purge service', 'System', 'PurgeRetainedData', 'batch', 'Succeeded' " +
            $"FROM ({provider.Rows(Math.Max(1, items / 100))}) n", now);
        transaction.Commit();
        return items;
    }
}
