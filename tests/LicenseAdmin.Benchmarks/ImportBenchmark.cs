using System.Diagnostics;
using System.Text;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Users.Import;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// Adding many users from a file (issue 16): a file of as many new users as the tenant has (100,000 by default) checked
/// (preview) and added (apply) through <see cref="UserImportService"/>, beside a plain-SQL floor that loads the same
/// users and their audit entries with the provider's fastest bulk load. Without one-time passwords: an account's
/// password hash is a fixed cost per user that no floor can lower (decision 0017).
/// </summary>
public sealed class ImportBenchmark(BenchmarkDatabase template, SeededTenant tenant, BenchmarkOptions options, Report report)
{
    private const string Header = "User Name,First Name,Last Name,Display Name,Job Title,Department,Office Number,Office Phone,Mobile Phone,Fax," +
        "Alternate email address,Address,City,State or Province,ZIP or Postal Code,Country or Region,Usage Location";

    public async Task RunAsync()
    {
        var rows = options.Users;
        var domain = await DomainAsync();
        var file = File(rows, domain);
        var import = template.Get<UserImportService>();

        UserImportPreview? preview = null;
        var previewSample = await Timing.MeasureAsync(options.WarmUps > 1 ? 1 : 0, options.ApplyRepetitions, async () =>
            preview = await import.PreviewAsync(tenant.Admin, new MemoryStream(file), UserImportOptions.UsersOnly, null, CancellationToken.None));
        report.Add($"8 import preview: {rows:N0} rows, {file.Length / 1024 / 1024:N0} MB", previewSample);

        var added = new List<int>();
        var applySample = await Timing.MeasureWithSetupAsync(options.ApplyRepetitions, () => Task.FromResult(template.Copy()), async copy =>
            {
                var result = await copy.Get<UserImportService>().ApplyAsync(tenant.Admin, new MemoryStream(file), UserImportOptions.UsersOnly, null, CancellationToken.None);
                added.Add(await ImportedAsync(copy, domain) == result.Users.Count ? result.Users.Count : -1);
            },
            async copy => await copy.DisposeAsync());
        var floored = new List<int>();
        var floor = await Timing.MeasureWithSetupAsync(options.ApplyRepetitions, () => Task.FromResult(template.Copy()), async copy =>
            {
                await FloorAsync(copy, rows, domain);
                floored.Add(await ImportedAsync(copy, domain));
            },
            async copy => await copy.DisposeAsync());
        report.Add($"8 import apply: {rows:N0} users", applySample, floor, "no passwords; floor: bulk load of the users and their audit entries");
        report.Check("import preview finds every row valid", preview is { CanApply: true } p && p.Users.Count == rows,
            $"{preview?.Users.Count ?? 0:N0} valid, {preview?.Problems.Count ?? 0:N0} problems");
        report.Check("import apply adds every user", added.Count > 0 && added.All(a => a == rows) && floored.All(f => f == rows),
            $"{string.Join(", ", added.Select(a => a.ToString("N0")))} added, floor {string.Join(", ", floored.Select(f => f.ToString("N0")))}");
    }

    private static byte[] File(int rows, string domain)
    {
        var text = new StringBuilder(rows * 160).Append(Header).Append("\r\n");
        for (var i = 0; i < rows; i++)
            text.Append($"new{i:D6}@{domain},New,Person {i},New Person {i},Specialist,Sales,B{i % 100},+45 33 12 {i % 100:D2} 56,,,new{i}@example.com,Vesterbrogade {i % 200},København,,1620,Denmark,DK\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private async Task<string> DomainAsync()
    {
        await using var db = await template.Get<TenantDbContextFactory>().ForTenantAsync(tenant.TenantId, CancellationToken.None);
        return await db.Tenants.Select(t => t.InitialDomain).SingleAsync();
    }

    private async Task<int> ImportedAsync(BenchmarkDatabase copy, string domain)
    {
        await using var db = await copy.Get<TenantDbContextFactory>().ForTenantAsync(tenant.TenantId, CancellationToken.None);
        return await db.DirectoryUsers.CountAsync(u => u.UserPrincipalName.StartsWith("new") && u.UserPrincipalName.EndsWith("@" + domain));
    }

    /// <summary>The same users and one audit entry each, loaded in one transaction with the provider's bulk load.</summary>
    private async Task FloorAsync(BenchmarkDatabase copy, int rows, string domain)
    {
        var provider = copy.Provider;
        var now = DateTime.UtcNow;
        var operation = Guid.NewGuid();
        var users = new List<object?[]>(rows);
        var audits = new List<object?[]>(rows);
        for (var i = 0; i < rows; i++)
        {
            var id = Guid.NewGuid();
            var upn = $"new{i:D6}@{domain}";
            users.Add([id, tenant.TenantId, upn, $"New Person {i}", "New", $"Person {i}", "Sales", "Specialist", "DK", false, "User", 0, 0L, now, null]);
            audits.Add([tenant.TenantId, now, tenant.Admin.Upn, "Global administrator", "Add user", upn, "Succeeded", $"Added from a file (line {i + 2})",
                $"{{\"DisplayName\":\"New Person {i}\",\"UserPrincipalName\":\"{upn}\",\"Department\":\"Sales\",\"UsageLocation\":\"DK\"}}", operation, id]);
        }
        await using var connection = copy.OpenConnection();
        await using var transaction = await connection.BeginTransactionAsync();
        await provider.LoadAsync(connection, transaction, "DirectoryUsers",
            ["Id", "TenantId", "UserPrincipalName", "DisplayName", "FirstName", "LastName", "Department", "JobTitle", "UsageLocation", "SignInBlocked",
             "Kind", "Roles", "MailboxSizeMb", "CreatedUtc", "DeletedUtc"], users, CancellationToken.None);
        await provider.LoadAsync(connection, transaction, "AuditEntries",
            ["TenantId", "OccurredUtc", "ActorUpn", "ActorRole", "Action", "Target", "Outcome", "Detail", "After", "OperationId", "TargetId"], audits, CancellationToken.None);
        await transaction.CommitAsync();
    }
}
