using System.Data.Common;
using LicenseAdmin.Infrastructure.Services.Users;

namespace LicenseAdmin.Benchmarks;

/// <summary>The Active users grid through <see cref="UserDirectoryService.PageAsync"/>, beside the same page in plain SQL.</summary>
public sealed class GridBenchmark(BenchmarkDatabase database, SeededTenant tenant, BenchmarkOptions options, Report report)
{
    public const int PageSize = 50;

    public async Task RunAsync()
    {
        var directory = database.Get<UserDirectoryService>();
        // The floors use the schema's best shape: the stored license count for Unlicensed, and for a product's holders
        // the product's assignments joined to their users by key (see docs/performance.md).
        var views = new (string Name, UserFilter Filter, string Join, string Where, int Expected, int Skip)[]
        {
            ("All", UserFilter.All, "", "", tenant.ActiveUsers, 0),
            ("Unlicensed", new UserFilter(UserView.Unlicensed), "", "AND u.\"LicenseCount\" = 0", tenant.UnlicensedUsers, 0),
            ("Holds E5", new UserFilter(UserView.HoldsProduct, tenant.Products.E5),
                "JOIN \"LicenseAssignments\" a ON a.\"UserId\" = u.\"Id\" AND a.\"TenantId\" = @t AND a.\"ProductId\" = @product", "",
                tenant.HoldersOfE5, 0),
            ("All, deep page", UserFilter.All, "", "", tenant.ActiveUsers, tenant.ActiveUsers / 2),
        };
        foreach (var view in views)
        {
            UserPage? last = null;
            var sample = await Timing.MeasureAsync(options.WarmUps, options.PageRepetitions, async () =>
                last = await directory.PageAsync(tenant.Admin, view.Filter, new UserSort(), view.Skip, PageSize, CancellationToken.None));
            var floor = await Timing.MeasureAsync(options.WarmUps, options.PageRepetitions, () => Task.FromResult(Floor(view.Join, view.Where, view.Skip)));
            report.Add($"1 grid page: {view.Name} (skip {view.Skip:N0})", sample, floor);
            report.Check($"grid {view.Name} total", last!.Total == view.Expected, $"total {last.Total:N0}, expected {view.Expected:N0}");
            report.Check($"grid {view.Name} rows", last.Rows.Count == PageSize, $"{last.Rows.Count} rows");
            var floorRows = Floor(view.Join, view.Where, view.Skip);
            report.Check($"grid {view.Name} matches floor", floorRows.SequenceEqual(last.Rows.Select(r => r.Id)), "same rows in the same order as plain SQL");
        }
    }

    /// <summary>Count, page and the page's licenses in one read transaction, as hand-written SQL.</summary>
    private List<Guid> Floor(string join, string where, int skip)
    {
        var provider = database.Provider;
        using var connection = database.OpenConnection();
        using var transaction = provider.BeginRead(connection);
        using var count = Command(connection, transaction,
            $"SELECT COUNT(*) FROM \"DirectoryUsers\" u {join} WHERE u.\"TenantId\" = @t AND u.\"DeletedUtc\" IS NULL {where}");
        count.ExecuteScalar();
        using var page = Command(connection, transaction,
            "SELECT u.\"Id\", u.\"DisplayName\", u.\"UserPrincipalName\", u.\"Department\", u.\"UsageLocation\", u.\"SignInBlocked\", u.\"Kind\", " +
            $"u.\"Roles\", u.\"MailboxSizeMb\" FROM \"DirectoryUsers\" u {join} WHERE u.\"TenantId\" = @t AND u.\"DeletedUtc\" IS NULL {where} " +
            $"ORDER BY u.\"DisplayName\", u.\"Id\" {provider.Page(PageSize, skip)}");
        var ids = new List<Guid>();
        using (var reader = page.ExecuteReader())
            while (reader.Read()) ids.Add(provider.ReadId(reader, 0));
        using var licenses = Command(connection, transaction,
            "SELECT a.\"UserId\", p.\"DisplayName\" FROM \"LicenseAssignments\" a JOIN \"Products\" p ON p.\"Id\" = a.\"ProductId\" " +
            $"WHERE a.\"UserId\" IN ({string.Join(',', ids.Select(provider.Literal))})");
        using (var reader = licenses.ExecuteReader())
            while (reader.Read()) _ = reader.GetString(1);
        transaction.Commit();
        return ids;
    }

    private DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var provider = database.Provider;
        var parameters = new List<(string, object)> { ("@t", provider.Id(tenant.TenantId)) };
        if (sql.Contains("@product")) parameters.Add(("@product", provider.Id(tenant.Products.E5)));
        return Sql.Command(connection, transaction, sql, [.. parameters]);
    }
}
