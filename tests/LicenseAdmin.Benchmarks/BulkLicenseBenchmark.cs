using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;

namespace LicenseAdmin.Benchmarks;

/// <summary>Bulk preview and apply through <see cref="LicenseService"/>; each apply runs on a fresh copy of the seeded file.</summary>
public sealed class BulkLicenseBenchmark(BenchmarkDatabase template, SeededTenant tenant, BenchmarkOptions options, Report report)
{
    private const double GraphWritesPerSecond = 20;

    public async Task RunAsync()
    {
        var selection = UserSelection.Of(tenant.Selection);
        var requests = new[]
        {
            new BulkLicenseRequest(BulkLicenseMode.AddToExisting, selection, [new ProductLicense(tenant.Products.PowerBi, null)]),
            new BulkLicenseRequest(BulkLicenseMode.ReplaceExisting, selection, [new ProductLicense(tenant.Products.E3, null)]),
            new BulkLicenseRequest(BulkLicenseMode.RemoveAll, selection, []),
        };
        var graph = $"Graph throttle estimate {tenant.Selection.Count / GraphWritesPerSecond:N0} s";
        foreach (var request in requests)
        {
            var service = template.Get<LicenseService>();
            LicensePlan? plan = null;
            var preview = await Timing.MeasureAsync(1, options.PreviewRepetitions, async () =>
                plan = await service.PreviewAsync(tenant.Admin, request, CancellationToken.None));
            report.Check($"preview {request.Mode} valid", plan!.IsValid,
                plan.IsValid ? $"{plan.ChangedUsers.Count()} of {plan.Users.Count} users change" : string.Join("; ", plan.Violations.Take(3)));
            var expectedChanges = plan.ChangedUsers.Count();

            LicenseChangeResult? result = null;
            var auditEntries = -1;
            var (appRows, floorRows) = ("", "");
            var apply = await Timing.MeasureWithSetupAsync(options.ApplyRepetitions, () => Task.FromResult(template.Copy()),
                async copy => result = await copy.Get<LicenseService>().ApplyAsync(tenant.Admin, request, CancellationToken.None),
                async copy =>
                {
                    auditEntries = AuditEntriesOf(copy, result?.OperationId);
                    appRows = RowsOf(copy);
                    await copy.DisposeAsync();
                });
            var floor = await Timing.MeasureWithSetupAsync(options.ApplyRepetitions, () => Task.FromResult(template.Copy()),
                copy => Task.FromResult(new BulkLicenseFloor(copy, tenant).Apply(request)),
                async copy =>
                {
                    floorRows = RowsOf(copy);
                    await copy.DisposeAsync();
                });

            report.Add($"2 bulk {request.Mode}: preview ({tenant.Selection.Count:N0})", preview);
            report.Add($"2 bulk {request.Mode}: apply ({tenant.Selection.Count:N0})", apply, floor, graph);
            report.Add($"2 bulk {request.Mode}: preview + apply", new Sample(preview.MedianMs + apply.MedianMs, preview.P95Ms + apply.P95Ms, apply.Runs), floor);
            report.Check($"apply {request.Mode} changed the previewed users", result!.UsersChanged == expectedChanges,
                $"{result.UsersChanged} changed, preview said {expectedChanges}");
            report.Check($"apply {request.Mode} wrote one audit entry per changed user", auditEntries == expectedChanges,
                $"{auditEntries} audit entries");
            report.Check($"floor {request.Mode} left the same licenses and provisioning as apply", appRows == floorRows,
                appRows == floorRows ? appRows : $"apply: {appRows}; floor: {floorRows}");
        }
    }

    /// <summary>Assignments per product and provisioning rows per family and state, to compare what apply and the floor left.</summary>
    private static string RowsOf(BenchmarkDatabase copy)
    {
        using var connection = copy.OpenConnection();
        using var command = Sql.Command(connection, null,
            "SELECT 'assignments' AS kind, p.\"DisplayName\" AS name, COUNT(*) AS n FROM \"LicenseAssignments\" a JOIN \"Products\" p ON p.\"Id\" = a.\"ProductId\" GROUP BY p.\"DisplayName\" " +
            $"UNION ALL SELECT 'provisioning', {copy.Provider.Concat("\"Family\"", "' '", "\"State\"")}, COUNT(*) FROM \"ServiceProvisionings\" GROUP BY \"Family\", \"State\" ORDER BY 1, 2");
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add($"{reader.GetString(1)} {Convert.ToInt32(reader.GetValue(2))}");
        return string.Join(", ", rows);
    }

    private static int AuditEntriesOf(BenchmarkDatabase copy, Guid? operationId)
    {
        using var connection = copy.OpenConnection();
        return Sql.Scalar(connection, null, "SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"OperationId\" = @op",
            ("@op", copy.Provider.Id(operationId ?? Guid.Empty)));
    }
}
