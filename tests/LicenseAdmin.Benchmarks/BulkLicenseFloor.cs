using System.Data.Common;
using System.Text.Json;
using LicenseAdmin.Infrastructure.Services.Licensing;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// The same bulk change in hand-written SQL, one transaction: read the users' licenses, move the seat counters,
/// delete and insert the assignment rows, write each changed user's provisioning rows as the app does (a family the user
/// loses: the mailbox retained 30 days, other services removed; a family they gain: provisioned again, or a new row),
/// write the operation and one audit entry per changed user with the licenses before and after.
/// </summary>
public sealed class BulkLicenseFloor(BenchmarkDatabase database, SeededTenant tenant)
{
    public int Apply(BulkLicenseRequest request)
    {
        var provider = database.Provider;
        var utcNow = DateTime.UtcNow;
        var now = provider.Time(utcNow);
        var retainedUntil = provider.Time(utcNow.AddDays(30));
        var tenantId = provider.Id(tenant.TenantId);
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var held = ReadLicenses(connection, transaction);
        var familiesOf = ReadFamilies(connection, transaction);
        var wanted = request.Products.Select(p => p.ProductId).ToList();

        var rows = new FloorRows();
        var operationId = Guid.NewGuid();
        var seats = new Dictionary<Guid, int>();
        var changed = 0;
        foreach (var user in tenant.Selection)
        {
            var before = held.GetValueOrDefault(user, []);
            var after = request.Mode switch
            {
                BulkLicenseMode.AddToExisting => before.Union(wanted).ToList(),
                BulkLicenseMode.ReplaceExisting => wanted,
                _ => [],
            };
            var removed = before.Except(after).ToList();
            var added = after.Except(before).ToList();
            if (removed.Count == 0 && added.Count == 0) continue;
            changed++;
            foreach (var product in removed) { rows.Deleted.Add((user, product)); seats[product] = seats.GetValueOrDefault(product) - 1; }
            foreach (var product in added) { rows.Inserted.Add((user, product)); seats[product] = seats.GetValueOrDefault(product) + 1; }
            var familiesBefore = before.SelectMany(p => familiesOf.GetValueOrDefault(p, [])).ToHashSet();
            var familiesAfter = after.SelectMany(p => familiesOf.GetValueOrDefault(p, [])).ToHashSet();
            foreach (var family in familiesBefore.Except(familiesAfter)) rows.Lost.Add((user, family));
            foreach (var family in familiesAfter.Except(familiesBefore)) rows.Gained.Add((user, family));
            rows.Audited.Add((user, JsonSerializer.Serialize(before), JsonSerializer.Serialize(after)));
        }
        var values = new FloorValues(provider.Id(tenant.TenantId), now, retainedUntil, tenant.Admin.Upn, provider.Id(operationId));
        if (provider is PostgreSqlBenchmarkProvider) WriteSets(connection, transaction, rows, values);
        else WriteRows(provider, connection, transaction, rows, values);
        // Seat counters in product order, as the app takes its row locks (RowLocks).
        foreach (var (product, delta) in seats.OrderBy(s => s.Key))
        {
            Sql.Execute(connection, transaction,
                "UPDATE \"SeatCounters\" SET \"AssignedSeats\" = \"AssignedSeats\" + @d WHERE \"TenantId\" = @t AND \"ProductId\" = @p AND \"AssignedSeats\" + @d <= \"TotalSeats\"",
                ("@d", delta), ("@t", tenantId), ("@p", provider.Id(product)));
        }
        Sql.Execute(connection, transaction,
            "INSERT INTO \"LicenseOperations\" (\"Id\", \"TenantId\", \"Kind\", \"AppliedUtc\", \"ActorUpn\", \"UserCount\") VALUES (@id, @t, @kind, @now, @actor, @n)",
            ("@id", values.OperationId), ("@t", tenantId), ("@kind", request.Describe()), ("@now", now), ("@actor", tenant.Admin.Upn), ("@n", changed));
        transaction.Commit();
        return changed;
    }

    private sealed class FloorRows
    {
        public List<(Guid User, Guid Product)> Deleted { get; } = [];
        public List<(Guid User, Guid Product)> Inserted { get; } = [];
        public List<(Guid User, string Family)> Lost { get; } = [];
        public List<(Guid User, string Family)> Gained { get; } = [];
        public List<(Guid User, string Before, string After)> Audited { get; } = [];
    }

    private sealed record FloorValues(object TenantId, object Now, object RetainedUntil, string Actor, object OperationId);

    private const string AuditColumns =
        "\"TenantId\", \"OccurredUtc\", \"ActorUpn\", \"ActorRole\", \"Action\", \"Target\", \"Outcome\", \"Before\", \"After\", \"OperationId\", \"TargetId\"";

    /// <summary>SQLite (in process, no round trip): prepared single-row statements re-bound per row; SQL Server: the same statements in batches.</summary>
    private static void WriteRows(BenchmarkProvider provider, DbConnection connection, DbTransaction transaction, FloorRows rows, FloorValues values)
    {
        using var runner = new StatementRunner(provider, connection, transaction);
        foreach (var (user, product) in rows.Deleted)
            runner.Run("DELETE FROM \"LicenseAssignments\" WHERE \"UserId\" = @u AND \"ProductId\" = @p", ["@u", "@p"], provider.Id(user), provider.Id(product));
        foreach (var (user, product) in rows.Inserted)
            runner.Run("INSERT INTO \"LicenseAssignments\" (\"Id\", \"TenantId\", \"UserId\", \"ProductId\", \"AssignedUtc\", \"DisabledPlanIds\") VALUES (@id, @t, @u, @p, @now, '')",
                ["@id", "@t", "@u", "@p", "@now"], provider.Id(Guid.NewGuid()), values.TenantId, provider.Id(user), provider.Id(product), values.Now);
        foreach (var (user, family) in rows.Lost)
            runner.Run("UPDATE \"ServiceProvisionings\" SET \"State\" = CASE WHEN \"Family\" = 'Exchange' THEN 'Retained' ELSE 'Removed' END, " +
                "\"RetainedUntilUtc\" = CASE WHEN \"Family\" = 'Exchange' THEN @until END, \"ChangedUtc\" = @now " +
                "WHERE \"UserId\" = @u AND \"Family\" = @f AND \"State\" = 'Provisioned'",
                ["@until", "@now", "@u", "@f"], values.RetainedUntil, values.Now, provider.Id(user), family);
        foreach (var (user, family) in rows.Gained)
            runner.Run(provider.GainProvisioningSql, ["@id", "@t", "@u", "@f", "@now"], provider.Id(Guid.NewGuid()), values.TenantId, provider.Id(user), family, values.Now);
        foreach (var (user, before, after) in rows.Audited)
            runner.Run($"INSERT INTO \"AuditEntries\" ({AuditColumns}) VALUES (@t, @now, @actor, 'Global administrator', 'Change user license', @target, 'Succeeded', @before, @after, @op, @u)",
                ["@t", "@now", "@actor", "@target", "@before", "@after", "@op", "@u"],
                values.TenantId, values.Now, values.Actor, user.ToString(), before, after, values.OperationId, provider.Id(user));
        runner.Flush();
    }

    /// <summary>PostgreSQL (a round trip per statement): each kind of row is one set-based statement over arrays (unnest).</summary>
    private static void WriteSets(DbConnection connection, DbTransaction transaction, FloorRows rows, FloorValues values)
    {
        Sql.Execute(connection, transaction,
            "DELETE FROM \"LicenseAssignments\" a USING unnest(@users, @products) AS d(u, p) WHERE a.\"UserId\" = d.u AND a.\"ProductId\" = d.p",
            ("@users", rows.Deleted.Select(r => r.User).ToArray()), ("@products", rows.Deleted.Select(r => r.Product).ToArray()));
        Sql.Execute(connection, transaction,
            "INSERT INTO \"LicenseAssignments\" (\"Id\", \"TenantId\", \"UserId\", \"ProductId\", \"AssignedUtc\", \"DisabledPlanIds\") " +
            "SELECT gen_random_uuid(), @t, i.u, i.p, @now, '' FROM unnest(@users, @products) AS i(u, p)",
            ("@t", values.TenantId), ("@now", values.Now),
            ("@users", rows.Inserted.Select(r => r.User).ToArray()), ("@products", rows.Inserted.Select(r => r.Product).ToArray()));
        Sql.Execute(connection, transaction,
            "UPDATE \"ServiceProvisionings\" s SET \"State\" = CASE WHEN s.\"Family\" = 'Exchange' THEN 'Retained' ELSE 'Removed' END, " +
            "\"RetainedUntilUtc\" = CASE WHEN s.\"Family\" = 'Exchange' THEN @until END, \"ChangedUtc\" = @now " +
            "FROM unnest(@users, @families) AS l(u, f) WHERE s.\"UserId\" = l.u AND s.\"Family\" = l.f AND s.\"State\" = 'Provisioned'",
            ("@until", values.RetainedUntil), ("@now", values.Now),
            ("@users", rows.Lost.Select(r => r.User).ToArray()), ("@families", rows.Lost.Select(r => r.Family).ToArray()));
        Sql.Execute(connection, transaction,
            "INSERT INTO \"ServiceProvisionings\" (\"Id\", \"TenantId\", \"UserId\", \"Family\", \"State\", \"RetainedUntilUtc\", \"ChangedUtc\") " +
            "SELECT gen_random_uuid(), @t, g.u, g.f, 'Provisioned', NULL, @now FROM unnest(@users, @families) AS g(u, f) " +
            "ON CONFLICT (\"UserId\", \"Family\") DO UPDATE SET \"State\" = 'Provisioned', \"RetainedUntilUtc\" = NULL, \"ChangedUtc\" = @now " +
            "WHERE \"ServiceProvisionings\".\"State\" <> 'Provisioned'",
            ("@t", values.TenantId), ("@now", values.Now),
            ("@users", rows.Gained.Select(r => r.User).ToArray()), ("@families", rows.Gained.Select(r => r.Family).ToArray()));
        Sql.Execute(connection, transaction,
            $"INSERT INTO \"AuditEntries\" ({AuditColumns}) " +
            "SELECT @t, @now, @actor, 'Global administrator', 'Change user license', e.u::text, 'Succeeded', e.b, e.a, @op, e.u " +
            "FROM unnest(@users, @befores, @afters) AS e(u, b, a)",
            ("@t", values.TenantId), ("@now", values.Now), ("@actor", values.Actor), ("@op", values.OperationId),
            ("@users", rows.Audited.Select(r => r.User).ToArray()), ("@befores", rows.Audited.Select(r => r.Before).ToArray()),
            ("@afters", rows.Audited.Select(r => r.After).ToArray()));
    }

    private Dictionary<Guid, List<Guid>> ReadLicenses(DbConnection connection, DbTransaction transaction)
    {
        var provider = database.Provider;
        var result = new Dictionary<Guid, List<Guid>>();
        foreach (var chunk in tenant.Selection.Chunk(1000))
        {
            using var command = Sql.Command(connection, transaction,
                $"SELECT \"UserId\", \"ProductId\" FROM \"LicenseAssignments\" WHERE \"UserId\" IN ({string.Join(',', chunk.Select(provider.Literal))})");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var user = provider.ReadId(reader, 0);
                if (!result.TryGetValue(user, out var list)) result[user] = list = [];
                list.Add(provider.ReadId(reader, 1));
            }
        }
        return result;
    }

    /// <summary>The service families each product provisions (plans of the family Other provision nothing).</summary>
    private Dictionary<Guid, List<string>> ReadFamilies(DbConnection connection, DbTransaction transaction)
    {
        using var command = Sql.Command(connection, transaction,
            "SELECT DISTINCT link.\"ProductId\", servicePlan.\"Family\" FROM \"ProductServicePlans\" link " +
            "JOIN \"ServicePlans\" servicePlan ON servicePlan.\"Id\" = link.\"ServicePlanId\" WHERE servicePlan.\"Family\" <> 'Other'");
        using var reader = command.ExecuteReader();
        var result = new Dictionary<Guid, List<string>>();
        while (reader.Read())
        {
            var product = database.Provider.ReadId(reader, 0);
            if (!result.TryGetValue(product, out var families)) result[product] = families = [];
            families.Add(reader.GetString(1));
        }
        return result;
    }
}
