using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Groups;
using LicenseAdmin.Infrastructure.Services.Groups;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// Group-based licensing (issue 15): a product given to a group of the bulk selection's users (10,000 at full size),
/// fully processed by the real <see cref="GroupLicenseProcessor"/> in its batches, beside the same rows written in
/// set-based SQL (<see cref="GroupLicensingFloor"/>). Each run starts from its own copy on which the group service has
/// created the group, added the members and set the product, so every member is queued; only the processing is timed.
/// </summary>
public sealed class GroupLicensingBenchmark(BenchmarkDatabase template, SeededTenant tenant, BenchmarkOptions options, Report report)
{
    private const string GroupName = "Benchmark group";

    public async Task RunAsync()
    {
        var members = tenant.Selection.Count;
        var runs = new List<GroupLicensingRun>();
        var appRows = new List<GroupRows>();
        var floorRows = new List<GroupRows>();
        var sample = await Timing.MeasureWithSetupAsync(options.ApplyRepetitions, PrepareCopyAsync,
            async copy => runs.Add(await copy.Database.Get<GroupLicenseProcessor>().RunOnceAsync(CancellationToken.None)),
            async copy =>
            {
                appRows.Add(GroupRows.Of(copy.Database, copy.GroupId, tenant.Products.PowerBi));
                await copy.Database.DisposeAsync();
            });
        var floor = await Timing.MeasureWithSetupAsync(options.ApplyRepetitions, PrepareCopyAsync,
            copy => Task.FromResult(GroupLicensingFloor.Run(copy.Database, tenant, copy.GroupId, tenant.Products.PowerBi)),
            async copy =>
            {
                floorRows.Add(GroupRows.Of(copy.Database, copy.GroupId, tenant.Products.PowerBi));
                await copy.Database.DisposeAsync();
            });

        report.Add($"8 group license to {members:N0} members: processed", sample, floor,
            $"{runs[0].Batches} batches of up to {new GroupLicensingOptions().BatchSize}");
        var app = appRows[0];
        report.Check("group processing licensed every member", appRows.All(r => r.Holders == members && r.Inherited == members && r.Errors == 0),
            $"{app.Holders:N0} members hold the product, {app.Inherited:N0} inherit it, {app.Errors} errors, {members:N0} members");
        report.Check("group processing seat counter equals the real count", appRows.All(r => r.Counter == r.RealCount),
            $"counter {app.Counter:N0}, real {app.RealCount:N0}");
        report.Check("group processing left nothing queued and the group done", appRows.All(r => r.Queued == 0 && r.State == "Done"),
            $"{app.Queued} queued, group {app.State}");
        report.Check("group processing wrote one Change user license entry per member", appRows.All(r => r.ChangeEntries == members),
            $"{app.ChangeEntries:N0} entries");
        report.Check("group floor left the same rows as the processor", floorRows.All(r => r == app),
            floorRows[0] == app ? "same" : $"processor: {app}; floor: {floorRows[0]}");
    }

    private sealed record PreparedCopy(BenchmarkDatabase Database, Guid GroupId);

    private async Task<PreparedCopy> PrepareCopyAsync()
    {
        var copy = template.Copy();
        var groups = copy.Get<GroupService>();
        var group = await groups.CreateAsync(tenant.Admin, GroupName, null, CancellationToken.None);
        await groups.AddMembersAsync(tenant.Admin, group, tenant.Selection, CancellationToken.None);
        await groups.SetLicensesAsync(tenant.Admin, group, [ProductLicense.AllPlansOn(tenant.Products.PowerBi)], CancellationToken.None);
        if (copy.Provider is PostgreSqlBenchmarkProvider)
        {
            using var connection = copy.OpenConnection();
            Sql.Execute(connection, null, "ANALYZE \"GroupMembers\"");
            Sql.Execute(connection, null, "ANALYZE \"GroupLicensingQueue\"");
        }
        return new PreparedCopy(copy, group);
    }

    /// <summary>What processing a group's license left: the product's holders among the members, and the bookkeeping.</summary>
    private sealed record GroupRows(int Holders, int Inherited, int Errors, int Counter, int RealCount, int Queued, string State, int ChangeEntries)
    {
        public static GroupRows Of(BenchmarkDatabase database, Guid groupId, Guid productId)
        {
            var provider = database.Provider;
            using var connection = database.OpenConnection();
            var g = ("@g", provider.Id(groupId));
            var p = ("@p", provider.Id(productId));
            using var state = Sql.Command(connection, null, "SELECT \"ProcessingState\" FROM \"Groups\" WHERE \"Id\" = @g", g);
            return new GroupRows(
                Sql.Scalar(connection, null,
                    "SELECT COUNT(*) FROM \"LicenseAssignments\" a JOIN \"GroupMembers\" m ON m.\"UserId\" = a.\"UserId\" " +
                    "WHERE m.\"GroupId\" = @g AND a.\"ProductId\" = @p", g, p),
                Sql.Scalar(connection, null, "SELECT COUNT(*) FROM \"InheritedLicenses\" WHERE \"GroupId\" = @g AND \"ProductId\" = @p", g, p),
                Sql.Scalar(connection, null, "SELECT COUNT(*) FROM \"GroupMembers\" WHERE \"GroupId\" = @g AND \"Error\" IS NOT NULL", g),
                Sql.Scalar(connection, null, "SELECT \"AssignedSeats\" FROM \"SeatCounters\" WHERE \"ProductId\" = @p", p),
                Sql.Scalar(connection, null,
                    "SELECT COUNT(*) FROM \"LicenseAssignments\" a JOIN \"DirectoryUsers\" u ON u.\"Id\" = a.\"UserId\" " +
                    "WHERE a.\"ProductId\" = @p AND u.\"DeletedUtc\" IS NULL", p),
                Sql.Scalar(connection, null, "SELECT COUNT(*) FROM \"GroupLicensingQueue\""),
                (string)state.ExecuteScalar()!,
                Sql.Scalar(connection, null, "SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"Action\" = 'Change user license' AND \"ActorRole\" = 'Group license processor'"));
        }
    }
}
