using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Auditing;

public sealed class AuditLogServiceTests : IAsyncLifetime
{
    private static readonly DateTime Day = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private TestDatabase _database = null!;
    private DemoTenant _demo = null!;
    private Caller _admin = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _demo = new DemoTenant(_database);
        _admin = await _demo.CallerAsync("admin@contoso.com");
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private AuditLogService AuditLog => _database.Services.GetRequiredService<AuditLogService>();

    private async Task AddAsync(Guid tenantId, params AuditEntry[] entries)
    {
        await using var db = await _database.Contexts.ForTenantAsync(tenantId, CancellationToken.None);
        db.AuditEntries.AddRange(entries);
        await db.SaveChangesAsync();
    }

    private static AuditEntry Entry(
        DateTime when, string action, string target, AuditOutcome outcome = AuditOutcome.Succeeded, string actor = "admin@contoso.com",
        Guid? operationId = null, string? detail = null, string? before = null, string? after = null, Guid? tenantId = null) =>
        new(tenantId ?? DemoDataSeeder.ContosoId, when, actor, "Global administrator", action, target, outcome, before, after, operationId, detail);

    private Task<AuditLogResult> QueryAsync(AuditLogQuery query, Caller? caller = null) =>
        AuditLog.QueryAsync(caller ?? _admin, query, CancellationToken.None);

    [Fact]
    public async Task Query_ReturnsNewestFirst_WithTheTotalOfAllMatches()
    {
        await AddAsync(DemoDataSeeder.ContosoId, Enumerable.Range(0, 30)
            .Select(i => Entry(Day.AddMinutes(i), AuditAction.ChangeUserLicense, $"user{i:00}@contoso.com")).ToArray());

        var page = await QueryAsync(new AuditLogQuery { Skip = 10, Take = 5 });

        Assert.Equal(30, page.TotalCount);
        Assert.Equal(["user19@contoso.com", "user18@contoso.com", "user17@contoso.com", "user16@contoso.com", "user15@contoso.com"],
            page.Rows.Select(r => r.Target));
        Assert.All(page.Rows, r => Assert.Equal(DateTimeKind.Utc, r.OccurredUtc.Kind));
    }

    [Fact]
    public async Task Query_FiltersByActionActorTargetOutcomeAndOperation()
    {
        var operation = Guid.NewGuid();
        await AddAsync(DemoDataSeeder.ContosoId,
            Entry(Day, AuditAction.ChangeUserLicense, "Megan.Bowen@contoso.com", operationId: operation),
            Entry(Day.AddMinutes(1), AuditAction.ChangeUserLicense, "megan.bowen@contoso.com", AuditOutcome.Refused, "billing@contoso.com"),
            Entry(Day.AddMinutes(2), AuditAction.DeleteUser, "megan.bowen@contoso.com"),
            Entry(Day.AddMinutes(3), AuditAction.PurchaseLicenses, "Office 365 E3", actor: "billing@contoso.com"));

        Assert.Equal(2, (await QueryAsync(new AuditLogQuery { Action = AuditAction.ChangeUserLicense })).TotalCount);
        Assert.Equal(2, (await QueryAsync(new AuditLogQuery { Actor = "BILLING" })).TotalCount);
        Assert.Equal(3, (await QueryAsync(new AuditLogQuery { Target = "MEGAN.bowen" })).TotalCount);
        var refused = Assert.Single((await QueryAsync(new AuditLogQuery { Outcome = AuditOutcome.Refused })).Rows);
        Assert.Equal("billing@contoso.com", refused.Actor);
        var inOperation = Assert.Single((await QueryAsync(new AuditLogQuery { OperationId = operation })).Rows);
        Assert.Equal(operation, inOperation.OperationId);
        var combined = Assert.Single((await QueryAsync(new AuditLogQuery { Action = AuditAction.ChangeUserLicense, Actor = "admin", Target = "megan" })).Rows);
        Assert.Equal("Megan.Bowen@contoso.com", combined.Target);
    }

    [Fact]
    public async Task Query_FromAndTo_AreBothInclusive()
    {
        await AddAsync(DemoDataSeeder.ContosoId, Enumerable.Range(0, 5)
            .Select(i => Entry(Day.AddDays(i), AuditAction.UpdateUser, $"day{i}")).ToArray());

        var page = await QueryAsync(new AuditLogQuery { FromUtc = Day.AddDays(1), ToUtc = Day.AddDays(3) });

        Assert.Equal(["day3", "day2", "day1"], page.Rows.Select(r => r.Target));
    }

    [Fact]
    public async Task Query_ShowsRealLicenseChangesAndRefusals_WithBeforeAndAfter()
    {
        var lynne = await _demo.UserAsync("user@contoso.com");
        var billing = await _demo.CallerAsync("billing@contoso.com");
        var licenses = _database.Services.GetRequiredService<LicenseService>();
        await licenses.RemoveAsync(_admin, lynne.Id, DemoTenant.E3, CancellationToken.None);
        await Assert.ThrowsAsync<AccessDeniedException>(() => licenses.AssignAsync(billing, lynne.Id, DemoTenant.E3, null, CancellationToken.None));

        var rows = (await QueryAsync(new AuditLogQuery { Action = AuditAction.ChangeUserLicense })).Rows;

        Assert.Equal(2, rows.Count);
        Assert.Equal(AuditOutcome.Refused, rows[0].Outcome);
        Assert.Equal("Your role (Billing administrator) does not allow assigning or removing licenses.", rows[0].Detail);
        Assert.Equal("user@contoso.com", rows[1].Target);
        Assert.Contains(DemoTenant.E3.ToString(), rows[1].Before);
        Assert.NotNull(rows[1].OperationId);
    }

    [Fact]
    public async Task FabrikamAdmin_NeverSeesContosoEntries()
    {
        await AddAsync(DemoDataSeeder.ContosoId, Entry(Day, AuditAction.AddUser, "secret@contoso.com"));
        await AddAsync(DemoDataSeeder.FabrikamId, Entry(Day, AuditAction.AddUser, "new@fabrikam.com", actor: "admin@fabrikam.com", tenantId: DemoDataSeeder.FabrikamId));
        var fabrikam = await _demo.CallerAsync("admin@fabrikam.com");

        var page = await QueryAsync(new AuditLogQuery(), fabrikam);
        var csv = new StringWriter();
        await AuditLog.ExportCsvAsync(fabrikam, new AuditLogQuery(), csv, CancellationToken.None);

        Assert.Equal("new@fabrikam.com", Assert.Single(page.Rows).Target);
        Assert.DoesNotContain("contoso", csv.ToString());
    }

    [Fact]
    public async Task CallerClaimingAnotherTenant_IsRefused()
    {
        var fabrikam = await _demo.CallerAsync("admin@fabrikam.com");

        await Assert.ThrowsAsync<AccessDeniedException>(() => QueryAsync(new AuditLogQuery(), fabrikam with { TenantId = DemoDataSeeder.ContosoId }));
    }

    [Fact]
    public async Task OrdinaryUser_IsRefused_NamingTheRole()
    {
        var lynne = await _demo.CallerAsync("user@contoso.com");

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => QueryAsync(new AuditLogQuery(), lynne));
        var exportError = await Assert.ThrowsAsync<AccessDeniedException>(() => AuditLog.ExportCsvAsync(lynne, new AuditLogQuery(), new StringWriter(), CancellationToken.None));

        Assert.Equal("Your role (User (no admin role)) does not allow reading the audit log.", error.Message);
        Assert.Equal(error.Message, exportError.Message);
    }

    [Fact]
    public async Task AnyAdminRole_MayRead()
    {
        var passwordAdmin = await _demo.CallerAsync("passwordadmin@contoso.com");

        var page = await QueryAsync(new AuditLogQuery(), passwordAdmin);

        Assert.Equal(0, page.TotalCount);
    }

    [Theory]
    [InlineData(0, 0, "Take must be between 1 and 500; it was 0.")]
    [InlineData(0, 501, "Take must be between 1 and 500; it was 501.")]
    [InlineData(-1, 10, "Skip must be 0 or more; it was -1.")]
    public async Task BadPage_IsRefused_NamingTheField(int skip, int take, string message)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => QueryAsync(new AuditLogQuery { Skip = skip, Take = take }));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task ToBeforeFrom_IsRefused_NamingBothFields()
    {
        var query = new AuditLogQuery { FromUtc = Day.AddDays(1), ToUtc = Day };

        var error = await Assert.ThrowsAsync<DomainException>(() => QueryAsync(query));
        var exportError = await Assert.ThrowsAsync<DomainException>(() => AuditLog.ExportCsvAsync(_admin, query, new StringWriter(), CancellationToken.None));

        Assert.Equal("ToUtc (2026-11-01 00:00:00) is before FromUtc (2026-11-02 00:00:00).", error.Message);
        Assert.Equal(error.Message, exportError.Message);
    }

    [Fact]
    public async Task UnknownAction_IsRefused_ListingTheActions()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => QueryAsync(new AuditLogQuery { Action = "Hack" }));

        Assert.StartsWith("Action 'Hack' is not an audit log action. Use one of: Change user license, Add user,", error.Message);
    }

    [Fact]
    public async Task Export_WritesEveryMatchingRow_WithHeaderAndCorrectQuoting()
    {
        var operation = Guid.Parse("0f000000-0000-0000-0000-00000000000a");
        await AddAsync(DemoDataSeeder.ContosoId,
            Entry(Day.AddHours(9).AddMilliseconds(250), AuditAction.UpdateUser, "Bowen, Megan \"MB\"\nline two",
                operationId: operation, before: "{\"name\":\"a\"}", after: "{\"name\":\"b\"}"),
            Entry(Day, AuditAction.DeleteUser, "not exported"));
        var csv = new StringWriter();

        await AuditLog.ExportCsvAsync(_admin, new AuditLogQuery { Action = AuditAction.UpdateUser, Take = 1 }, csv, CancellationToken.None);

        Assert.Equal(
            "When (UTC),Actor,Role,Action,Target,Outcome,Operation,Detail,Before,After\r\n" +
            "2026-11-01T09:00:00.250Z,admin@contoso.com,Global administrator,Update user,\"Bowen, Megan \"\"MB\"\"\nline two\",Succeeded," +
            "0f000000-0000-0000-0000-00000000000a,,\"{\"\"name\"\":\"\"a\"\"}\",\"{\"\"name\"\":\"\"b\"\"}\"\r\n",
            csv.ToString());
    }

    [Fact]
    public async Task Export_IgnoresPaging_AndEscapesFormulas()
    {
        await AddAsync(DemoDataSeeder.ContosoId, Enumerable.Range(0, 600)
            .Select(i => Entry(Day.AddSeconds(i), AuditAction.AddUser, i == 0 ? "=HYPERLINK(\"x\")" : $"u{i}")).ToArray());
        var csv = new StringWriter();

        await AuditLog.ExportCsvAsync(_admin, new AuditLogQuery { Take = 1 }, csv, CancellationToken.None);

        var lines = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(601, lines.Length);
        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\")\",", lines[^1]);
    }
}
