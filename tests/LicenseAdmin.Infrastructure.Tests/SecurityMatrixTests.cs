using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Apps;
using LicenseAdmin.Infrastructure.Services.Auditing;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Mfa;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests;

/// <summary>
/// The security suite at the service boundary, where the rules live (pages only show what the services allow):
/// every role against every protected action outside <see cref="UserService"/>'s own matrix
/// (<see cref="UserServiceRoleTests"/>), and a caller of Contoso naming Fabrikam's ids.
/// </summary>
public sealed class SecurityMatrixTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    // Action -> (what a refusal calls it, the roles allowed, whether a change leaves a trace in the snapshot).
    private static readonly Dictionary<string, (string Described, string[] Allowed)> Actions = new()
    {
        ["AssignLicense"] = ("assigning or removing licenses", [Demo.GlobalAdmin, Demo.UserAdmin, Demo.LicenseAdmin]),
        ["BuyLicenses"] = ("buying or reducing licenses", [Demo.GlobalAdmin, Demo.BillingAdmin]),
        ["ReduceLicenses"] = ("buying or reducing licenses", [Demo.GlobalAdmin, Demo.BillingAdmin]),
        ["ResetMfa"] = ("resetting multi-factor authentication", [Demo.GlobalAdmin]),
        ["RequireMfa"] = ("changing security settings", [Demo.GlobalAdmin]),
        ["RegisterApp"] = ("managing API apps", [Demo.GlobalAdmin]),
        ["ReadAuditLog"] = ("reading the audit log", [Demo.GlobalAdmin, Demo.BillingAdmin, Demo.UserAdmin, Demo.LicenseAdmin, Demo.ServiceAdmin, Demo.PasswordAdmin]),
        ["ReadSecuritySettings"] = ("reading users and licenses", [Demo.GlobalAdmin, Demo.BillingAdmin, Demo.UserAdmin, Demo.LicenseAdmin, Demo.ServiceAdmin, Demo.PasswordAdmin]),
    };

    public static TheoryData<string, string> EveryRoleAndAction()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in Demo.ContosoRoles)
            foreach (var action in Actions.Keys)
                data.Add(role, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRoleAndAction))]
    public async Task EachRole_IsAllowedOrRefusedWithTheReason_AsTheRoleTableSays(string callerUpn, string action)
    {
        var caller = await _database.CallerAsync(callerUpn);
        var (described, allowed) = Actions[action];
        var before = await _database.SnapshotAsync();

        var run = () => RunAsync(caller, action);

        if (allowed.Contains(callerUpn))
        {
            await run();
            return;
        }
        var error = await Assert.ThrowsAsync<AccessDeniedException>(run);
        Assert.Equal($"Your role ({UserServiceRoleTests.RoleNames[callerUpn]}) does not allow {described}.", error.Message);
        Assert.Equal(before, await _database.SnapshotAsync());
    }

    private async Task RunAsync(Caller caller, string action)
    {
        var none = CancellationToken.None;
        var services = _database.Services;
        switch (action)
        {
            case "AssignLicense":
                await services.GetRequiredService<LicenseService>().AssignAsync(caller, (await _database.UnlicensedAsync())[0], await _database.ProductIdAsync(Demo.E3), null, none);
                break;
            case "BuyLicenses":
                await services.GetRequiredService<SubscriptionService>().BuyAsync(caller, await _database.ProductIdAsync(Demo.E3), 1, null, none);
                break;
            case "ReduceLicenses":
                await services.GetRequiredService<SubscriptionService>().ReduceAsync(caller, await _database.ProductIdAsync(Demo.E3), 1, none);
                break;
            case "ResetMfa":
                await services.GetRequiredService<UserService>().ResetMfaAsync(caller, (await _database.UserAsync(Demo.ServiceAdmin)).Id, none);
                break;
            case "RequireMfa":
                await services.GetRequiredService<SecuritySettingsService>().SetRequireMfaForAdminsAsync(caller, true, none);
                break;
            case "RegisterApp":
                await services.GetRequiredService<ApiAppService>().RegisterAsync(caller, "Matrix test app", none);
                break;
            case "ReadAuditLog":
                await services.GetRequiredService<AuditLogService>().QueryAsync(caller, new AuditLogQuery(), none);
                break;
            case "ReadSecuritySettings":
                await services.GetRequiredService<SecuritySettingsService>().RequiresMfaForAdminsAsync(caller, none);
                break;
            default:
                throw new ArgumentException(action);
        }
    }

    /// <summary>A Contoso Global administrator names a Fabrikam user: each id-taking action answers "no such user here" and changes nothing.</summary>
    public static TheoryData<string> CrossTenantActions() => new()
    {
        "Update", "Block", "SetRoles", "Delete", "Restore", "ResetPassword", "ResetMfa", "AssignLicense", "SetLicenses", "RemoveLicense",
    };

    [Theory]
    [MemberData(nameof(CrossTenantActions))]
    public async Task ContosoAdmin_NamingAFabrikamUser_IsToldThereIsNoSuchUser_AndNothingChanges(string action)
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var fabrikamUser = await _database.UserAsync(Demo.FabrikamAdmin);
        var before = await _database.SnapshotAsync();
        var users = _database.Services.GetRequiredService<UserService>();
        var licenses = _database.Services.GetRequiredService<LicenseService>();
        var e3 = await _database.ProductIdAsync(Demo.E3);
        var none = CancellationToken.None;

        Func<Task> run = action switch
        {
            "Update" => () => users.UpdateAsync(caller, fabrikamUser.Id, UserProfile.Of(fabrikamUser) with { Department = "Taken over" }, none),
            "Block" => () => users.SetSignInBlockedAsync(caller, fabrikamUser.Id, true, none),
            "SetRoles" => () => users.SetRolesAsync(caller, fabrikamUser.Id, AdminRoles.None, none),
            "Delete" => () => users.DeleteAsync(caller, UserSelection.Of([fabrikamUser.Id]), none),
            "Restore" => () => users.RestoreAsync(caller, [fabrikamUser.Id], none),
            "ResetPassword" => () => users.ResetPasswordAsync(caller, fabrikamUser.Id, none),
            "ResetMfa" => () => users.ResetMfaAsync(caller, fabrikamUser.Id, none),
            "AssignLicense" => () => licenses.AssignAsync(caller, fabrikamUser.Id, e3, null, none),
            "SetLicenses" => () => licenses.SetLicensesAsync(caller, fabrikamUser.Id, [], none),
            "RemoveLicense" => () => licenses.RemoveAsync(caller, fabrikamUser.Id, e3, none),
            _ => throw new ArgumentException(action),
        };

        var error = await Assert.ThrowsAnyAsync<Domain.DomainException>(run);

        Assert.Contains(error.Message, NoSuchUserAnswers(fabrikamUser.Id));
        Assert.Equal(before, await _database.SnapshotAsync());
        Assert.DoesNotContain(await _database.AuditAsync(AuditAction.UpdateUser, DemoDataSeeder.FabrikamId), e => e.ActorUpn == Demo.GlobalAdmin);
    }

    /// <summary>The sentences a Contoso caller may get for a Fabrikam id: the id is unknown here (never "belongs to another organisation").</summary>
    private static string[] NoSuchUserAnswers(Guid id) =>
    [
        $"There is no user {id} in this organisation.",
        $"No active user {id} in this organisation.",
        $"Nothing was changed. The user {id} does not exist in this organisation.",
    ];
}
