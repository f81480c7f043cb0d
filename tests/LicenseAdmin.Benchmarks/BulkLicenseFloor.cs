using System.Data.Common;
using System.Text.Json;
using LicenseAdmin.Infrastructure.Services.Licensing;
using static LicenseAdmin.Benchmarks.PreparedSql;

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

        using var delete = Prepared(provider, connection, transaction, "DELETE FROM \"LicenseAssignments\" WHERE \"UserId\" = @u AND \"ProductId\" = @p", "@u", "@p");
        using var insert = Prepared(provider, connection, transaction,
            "INSERT INTO \"LicenseAssignments\" (\"Id\", \"TenantId\", \"UserId\", \"ProductId\", \"AssignedUtc\", \"DisabledPlanIds\") VALUES (@id, @t, @u, @p, @now, '')",
            "@id", "@t", "@u", "@p", "@now");
        using var lose = Prepared(provider, connection, transaction,
            "UPDATE \"ServiceProvisionings\" SET \"State\" = CASE WHEN \"Family\" = 'Exchange' THEN 'Retained' ELSE 'Removed' END, " +
            "\"RetainedUntilUtc\" = CASE WHEN \"Family\" = 'Exchange' THEN @until END, \"ChangedUtc\" = @now " +
            "WHERE \"UserId\" = @u AND \"Family\" = @f AND \"State\" = 'Provisioned'", "@until", "@now", "@u", "@f");
        using var gain = Prepared(provider, connection, transaction, provider.GainProvisioningSql, "@id", "@t", "@u", "@f", "@now");
        using var audit = Prepared(provider, connection, transaction,
            "INSERT INTO \"AuditEntries\" (\"TenantId\", \"OccurredUtc\", \"ActorUpn\", \"ActorRole\", \"Action\", \"Target\", \"Outcome\", \"Before\", \"After\", \"OperationId\", \"TargetId\") " +
            "VALUES (@t, @now, @actor, 'Global administrator', 'ChangeUserLicense', @target, 'Succeeded', @before, @after, @op, @u)",
            "@t", "@now", "@actor", "@target", "@before", "@after", "@op", "@u");
        var operationId = provider.Id(Guid.NewGuid());
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
            var userId = provider.Id(user);
            foreach (var product in removed) { delete.Run(userId, provider.Id(product)); seats[product] = seats.GetValueOrDefault(product) - 1; }
            foreach (var product in added) { insert.Run(provider.Id(Guid.NewGuid()), tenantId, userId, provider.Id(product), now); seats[product] = seats.GetValueOrDefault(product) + 1; }
            var familiesBefore = before.SelectMany(p => familiesOf.GetValueOrDefault(p, [])).ToHashSet();
            var familiesAfter = after.SelectMany(p => familiesOf.GetValueOrDefault(p, [])).ToHashSet();
            foreach (var family in familiesBefore.Except(familiesAfter)) lose.Run(retainedUntil, now, userId, family);
            foreach (var family in familiesAfter.Except(familiesBefore)) gain.Run(provider.Id(Guid.NewGuid()), tenantId, userId, family, now);
            audit.Run(tenantId, now, tenant.Admin.Upn, userId.ToString()!, JsonSerializer.Serialize(before), JsonSerializer.Serialize(after), operationId, userId);
        }
        // Seat counters in product order, as the app takes its row locks (RowLocks).
        foreach (var (product, delta) in seats.OrderBy(s => s.Key))
        {
            Sql.Execute(connection, transaction,
                "UPDATE \"SeatCounters\" SET \"AssignedSeats\" = \"AssignedSeats\" + @d WHERE \"TenantId\" = @t AND \"ProductId\" = @p AND \"AssignedSeats\" + @d <= \"TotalSeats\"",
                ("@d", delta), ("@t", tenantId), ("@p", provider.Id(product)));
        }
        Sql.Execute(connection, transaction,
            "INSERT INTO \"LicenseOperations\" (\"Id\", \"TenantId\", \"Kind\", \"AppliedUtc\", \"ActorUpn\", \"UserCount\") VALUES (@id, @t, @kind, @now, @actor, @n)",
            ("@id", operationId), ("@t", tenantId), ("@kind", request.Describe()), ("@now", now), ("@actor", tenant.Admin.Upn), ("@n", changed));
        transaction.Commit();
        return changed;
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
