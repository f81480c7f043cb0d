namespace LicenseAdmin.Benchmarks;

/// <summary>
/// The rows processing a group's product writes, in set-based SQL, one transaction, read from the group's members as the
/// processor reads its queue: one assignment per member (inherited, not direct), one inherited-license row each, the seat
/// counter moved once, provisioning for each family the product provides (a new row, or the old one provisioned again),
/// one <i>Change user license</i> entry per member and the group's start and finish entries, the queue emptied and the
/// group marked done. The floor skips what only the app needs: the lease, the planner's checks, the per-user before
/// state in the audit entries (it writes an empty list where the app writes the user's other licenses).
/// </summary>
public static class GroupLicensingFloor
{
    public static int Run(BenchmarkDatabase database, SeededTenant tenant, Guid groupId, Guid productId)
    {
        var provider = database.Provider;
        var now = ("@now", provider.Time(DateTime.UtcNow));
        var g = ("@g", provider.Id(groupId));
        var p = ("@p", provider.Id(productId));
        var t = ("@t", provider.Id(tenant.TenantId));
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        const string members = "FROM \"GroupMembers\" m WHERE m.\"GroupId\" = @g";
        var count = Sql.Execute(connection, transaction,
            "INSERT INTO \"LicenseAssignments\" (\"Id\", \"TenantId\", \"UserId\", \"ProductId\", \"AssignedUtc\", \"DisabledPlanIds\", \"IsDirect\") " +
            $"SELECT {provider.NewIdSql}, m.\"TenantId\", m.\"UserId\", @p, @now, '', @direct {members}", g, p, now, ("@direct", false));
        Sql.Execute(connection, transaction,
            "INSERT INTO \"InheritedLicenses\" (\"UserId\", \"ProductId\", \"GroupId\", \"TenantId\") " +
            $"SELECT m.\"UserId\", @p, m.\"GroupId\", m.\"TenantId\" {members}", g, p);
        Sql.Execute(connection, transaction,
            "UPDATE \"SeatCounters\" SET \"AssignedSeats\" = \"AssignedSeats\" + @d WHERE \"TenantId\" = @t AND \"ProductId\" = @p AND \"AssignedSeats\" + @d <= \"TotalSeats\"",
            ("@d", count), t, p);
        foreach (var family in FamiliesOf(database, connection, transaction, productId))
        {
            Sql.Execute(connection, transaction,
                "INSERT INTO \"ServiceProvisionings\" (\"Id\", \"TenantId\", \"UserId\", \"Family\", \"State\", \"RetainedUntilUtc\", \"ChangedUtc\") " +
                $"SELECT {provider.NewIdSql}, m.\"TenantId\", m.\"UserId\", @f, 'Provisioned', NULL, @now {members} " +
                "ON CONFLICT (\"UserId\", \"Family\") DO UPDATE SET \"State\" = 'Provisioned', \"RetainedUntilUtc\" = NULL, \"ChangedUtc\" = @now " +
                "WHERE \"ServiceProvisionings\".\"State\" <> 'Provisioned'",
                g, ("@f", family), now);
        }
        const string columns = "\"TenantId\", \"OccurredUtc\", \"ActorUpn\", \"ActorRole\", \"Action\", \"Target\", \"Outcome\", \"Before\", \"After\", \"OperationId\", \"TargetId\", \"Detail\"";
        var detail = ("@detail", $"Initiated by the group license processor on behalf of {tenant.Admin.Upn}.");
        var actor = ("@actor", tenant.Admin.Upn);
        Sql.Execute(connection, transaction,
            $"INSERT INTO \"AuditEntries\" ({columns}) SELECT @t, @now, @actor, 'Group license processor', 'Change user license', u.\"UserPrincipalName\", " +
            "'Succeeded', '[]', @after, @op, m.\"UserId\", @detail FROM \"GroupMembers\" m JOIN \"DirectoryUsers\" u ON u.\"Id\" = m.\"UserId\" WHERE m.\"GroupId\" = @g",
            t, now, actor, g, detail, ("@op", provider.Id(Guid.NewGuid())),
            ("@after", $"[{{\"productId\":\"{productId}\",\"product\":\"Power BI Pro\",\"disabledPlanIds\":[]}}]"));
        foreach (var action in new[] { "Start applying group based license to users", "Finish applying group based license to users" })
        {
            Sql.Execute(connection, transaction,
                $"INSERT INTO \"AuditEntries\" ({columns}) VALUES (@t, @now, @actor, 'Group license processor', @action, 'Benchmark group', 'Succeeded', NULL, NULL, NULL, @g, @detail)",
                t, now, actor, ("@action", action), g, detail);
        }
        Sql.Execute(connection, transaction, "DELETE FROM \"GroupLicensingQueue\" WHERE \"GroupId\" = @g", g);
        Sql.Execute(connection, transaction, "UPDATE \"Groups\" SET \"ProcessingState\" = 'Done' WHERE \"Id\" = @g", g);
        transaction.Commit();
        return count;
    }

    private static List<string> FamiliesOf(BenchmarkDatabase database, System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Guid productId)
    {
        using var command = Sql.Command(connection, transaction,
            "SELECT DISTINCT servicePlan.\"Family\" FROM \"ProductServicePlans\" link JOIN \"ServicePlans\" servicePlan ON servicePlan.\"Id\" = link.\"ServicePlanId\" " +
            "WHERE link.\"ProductId\" = @p AND servicePlan.\"Family\" <> 'Other'", ("@p", database.Provider.Id(productId)));
        using var reader = command.ExecuteReader();
        var families = new List<string>();
        while (reader.Read()) families.Add(reader.GetString(0));
        return families;
    }
}
