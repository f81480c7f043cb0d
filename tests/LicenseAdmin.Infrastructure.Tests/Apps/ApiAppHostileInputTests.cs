using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services.Apps;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Apps;

/// <summary>
/// The app registrations form (/settings/apps) with hostile input, and with another organisation's app ids: each is
/// refused with the service's sentence and nothing is stored, on every database provider.
/// </summary>
public sealed class ApiAppHostileInputTests : DemoDatabaseTest
{
    private ApiAppService Apps => Database.Services.GetRequiredService<ApiAppService>();

    public static TheoryData<string, string> HostileNames => new()
    {
        { new string('x', 10_000), "The app name can be at most 120 characters." },
        { "Payroll\u202Egpj.exe", "The app name contains a control character or a hidden text-direction mark (such as U+202E); type it without them." },
        { "Pay\u0000roll", "The app name contains a control character or a hidden text-direction mark (such as U+202E); type it without them." },
        { "Pay\nroll", "The app name contains a control character or a hidden text-direction mark (such as U+202E); type it without them." },
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task Register_WithAHostileName_IsRefusedWithTheReason_AndStoresNothing(string name, string message)
    {
        var admin = await Database.CallerAsync(Support.Demo.GlobalAdmin);

        var error = await Assert.ThrowsAnyAsync<DomainException>(() => Apps.RegisterAsync(admin, name, CancellationToken.None));

        Assert.Equal(message, error.Message);
        Assert.Empty(await Apps.ListAsync(admin, CancellationToken.None));
    }

    /// <summary>The refusal's audit entry names what was typed: before, a NUL or 10,000 characters failed to save on PostgreSQL.</summary>
    [Fact]
    public async Task ARefusedHostileName_IsAuditedReadably_CutToTheTargetColumn()
    {
        var admin = await Database.CallerAsync(Support.Demo.GlobalAdmin);

        await Assert.ThrowsAnyAsync<DomainException>(() => Apps.RegisterAsync(admin, "Pay\0roll" + new string('x', 10_000), CancellationToken.None));

        var entry = Assert.Single(await Database.AuditAsync(AuditAction.AddApplication));
        Assert.Equal(AuditOutcome.Refused, entry.Outcome);
        Assert.Equal("The app name can be at most 120 characters.", entry.Detail);
        Assert.Equal(AuditEntry.MaxTargetLength, entry.Target.Length);
        Assert.StartsWith("Pay\uFFFDroll", entry.Target);
        Assert.EndsWith("…", entry.Target);
    }

    [Fact]
    public async Task Register_WithScriptInTheName_KeepsItAsPlainText()
    {
        var admin = await Database.CallerAsync(Support.Demo.GlobalAdmin);

        await Apps.RegisterAsync(admin, "<script>alert(1)</script>", CancellationToken.None);

        Assert.Equal("<script>alert(1)</script>", Assert.Single(await Apps.ListAsync(admin, CancellationToken.None)).DisplayName);
    }

    public static TheoryData<string, string> HostileDescriptions => new()
    {
        // Before the check a 10,000-character description was stored on SQLite and failed on the server databases.
        { new string('x', 10_000), "A secret's description can be at most 120 characters." },
        { "nightly\u202Ejob", "The secret's description contains a control character or a hidden text-direction mark (such as U+202E); type it without them." },
    };

    [Theory]
    [MemberData(nameof(HostileDescriptions))]
    public async Task AddSecret_WithAHostileDescription_IsRefusedWithTheReason_AndStoresNoSecret(string description, string message)
    {
        var admin = await Database.CallerAsync(Support.Demo.GlobalAdmin);
        var app = await Apps.RegisterAsync(admin, "Payroll", CancellationToken.None);

        var error = await Assert.ThrowsAnyAsync<DomainException>(() => Apps.AddSecretAsync(admin, app.Id, description, 30, CancellationToken.None));

        Assert.Equal(message, error.Message);
        Assert.Empty(Assert.Single(await Apps.ListAsync(admin, CancellationToken.None)).Secrets);
    }

    /// <summary>Every id-taking action of the page, by a Contoso Global admin naming Fabrikam's app and secret.</summary>
    [Fact]
    public async Task EveryAction_OnAnotherOrganisationsApp_IsRefusedAsNoSuchApp_AndChangesNothing()
    {
        var fabrikamAdmin = await Database.CallerAsync(Support.Demo.FabrikamAdmin);
        var theirs = await Apps.RegisterAsync(fabrikamAdmin, "Fabrikam sync", CancellationToken.None);
        var secret = await Apps.AddSecretAsync(fabrikamAdmin, theirs.Id, "nightly", 30, CancellationToken.None);
        var contosoAdmin = await Database.CallerAsync(Support.Demo.GlobalAdmin);
        var noSuchApp = $"There is no app {theirs.Id} in this organisation.";

        var refusals = new List<string>();
        foreach (var attempt in new Func<Task>[]
                 {
                     () => Apps.GrantAsync(contosoAdmin, theirs.Id, ApiPermissions.UserReadAll, CancellationToken.None),
                     () => Apps.AddSecretAsync(contosoAdmin, theirs.Id, "mine now", 30, CancellationToken.None),
                     () => Apps.RevokeSecretAsync(contosoAdmin, theirs.Id, secret.Id, CancellationToken.None),
                     () => Apps.SetDisabledAsync(contosoAdmin, theirs.Id, true, CancellationToken.None),
                     () => Apps.DeleteAsync(contosoAdmin, theirs.Id, CancellationToken.None),
                 })
            refusals.Add((await Assert.ThrowsAsync<ApiAppRefusedException>(attempt)).Message);

        Assert.Equal(Enumerable.Repeat(noSuchApp, 5), refusals);
        Assert.Empty(await Apps.ListAsync(contosoAdmin, CancellationToken.None));
        var unchanged = Assert.Single(await Apps.ListAsync(fabrikamAdmin, CancellationToken.None));
        Assert.Equal((ApiPermissions.None, false, 1, false), (unchanged.Permissions, unchanged.Disabled, unchanged.Secrets.Count, unchanged.Secrets[0].Revoked));
    }
}
