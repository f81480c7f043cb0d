using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Security;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests;

/// <summary>The role table of docs/product-rules.md against every action of <see cref="UserService"/>.</summary>
public sealed class UserServiceRoleTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private UserService Users => _database.Services.GetRequiredService<UserService>();

    public static readonly Dictionary<string, string> RoleNames = new()
    {
        [Demo.GlobalAdmin] = "Global administrator",
        [Demo.BillingAdmin] = "Billing administrator",
        [Demo.UserAdmin] = "User administrator",
        [Demo.LicenseAdmin] = "License administrator",
        [Demo.ServiceAdmin] = "Service administrator",
        [Demo.PasswordAdmin] = "Password administrator",
        [Demo.NoRole] = "User (no admin role)",
    };

    // Action -> (audit action, what a refusal calls it, the roles allowed).
    private static readonly Dictionary<string, (string Audit, string Described, string[] Allowed)> Actions = new()
    {
        ["Create"] = (AuditAction.AddUser, "adding or changing users", [Demo.GlobalAdmin, Demo.UserAdmin]),
        ["Update"] = (AuditAction.UpdateUser, "adding or changing users", [Demo.GlobalAdmin, Demo.UserAdmin]),
        ["Block"] = (AuditAction.UpdateUser, "adding or changing users", [Demo.GlobalAdmin, Demo.UserAdmin]),
        ["SetRoles"] = (AuditAction.AddMemberToRole, "changing admin roles", [Demo.GlobalAdmin]),
        ["Delete"] = (AuditAction.DeleteUser, "deleting or restoring users", [Demo.GlobalAdmin, Demo.UserAdmin]),
        ["Restore"] = (AuditAction.RestoreUser, "deleting or restoring users", [Demo.GlobalAdmin, Demo.UserAdmin]),
        ["ResetPassword"] = (AuditAction.ResetUserPassword, "resetting passwords", [Demo.GlobalAdmin, Demo.UserAdmin, Demo.PasswordAdmin]),
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
    public async Task EachRole_MayDoExactlyWhatTheRoleTableAllows(string callerUpn, string action)
    {
        var caller = await _database.CallerAsync(callerUpn);
        var (auditAction, described, allowed) = Actions[action];
        var before = await _database.SnapshotAsync();

        var run = () => RunAsync(caller, action);

        if (allowed.Contains(callerUpn))
        {
            await run();
            Assert.NotEqual(before, await _database.SnapshotAsync());
            Assert.Contains(await _database.AuditAsync(auditAction), e => e.Outcome == AuditOutcome.Succeeded && e.ActorUpn == callerUpn);
            return;
        }

        var error = await Assert.ThrowsAsync<AccessDeniedException>(run);
        var expected = $"Your role ({RoleNames[callerUpn]}) does not allow {described}.";
        Assert.Equal(expected, error.Message);
        Assert.Equal(before, await _database.SnapshotAsync());
        var refusal = Assert.Single(await _database.AuditAsync(auditAction), e => e.Outcome == AuditOutcome.Refused);
        Assert.Equal(callerUpn, refusal.ActorUpn);
        Assert.Equal(expected, refusal.Detail);
    }

    private async Task RunAsync(Infrastructure.Services.Caller caller, string action)
    {
        var none = CancellationToken.None;
        var target = (await _database.UnlicensedAsync())[0];
        switch (action)
        {
            case "Create":
                await Users.CreateAsync(caller, new NewUser("new.person@contoso.com", "New Person", UsageLocation: "DK"), none);
                break;
            case "Update":
                var user = await _database.UserByIdAsync(target);
                await Users.UpdateAsync(caller, target, UserProfile.Of(user) with { Department = "Changed" }, none);
                break;
            case "Block":
                await Users.SetSignInBlockedAsync(caller, target, true, none);
                break;
            case "SetRoles":
                await Users.SetRolesAsync(caller, target, AdminRoles.LicenseAdministrator, none);
                break;
            case "Delete":
                await Users.DeleteAsync(caller, UserSelection.Of([target]), none);
                break;
            case "Restore":
                await Users.RestoreAsync(caller, [await SeededDeletedUserAsync()], none);
                break;
            case "ResetPassword":
                await Users.ResetPasswordAsync(caller, (await _database.UserAsync(Demo.NoRole)).Id, none);
                break;
            default:
                throw new ArgumentException(action);
        }
    }

    private async Task<Guid> SeededDeletedUserAsync()
    {
        await using AppDbContext db = await _database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        return await db.DirectoryUsers.Where(u => u.DeletedUtc != null).Select(u => u.Id).SingleAsync();
    }

    [Fact]
    public async Task AnAccountThatIsNotAnAdmin_IsRefusedEvenWithAForgedRoleInItsCaller()
    {
        var caller = await _database.CallerAsync(Demo.NoRole) with { Roles = AdminRoles.GlobalAdministrator };

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Users.CreateAsync(caller, new NewUser("forged@contoso.com", "Forged"), CancellationToken.None));

        Assert.Equal("Your role (User (no admin role)) does not allow adding or changing users.", error.Message);
        Assert.IsAssignableFrom<DomainException>(error);
    }
}
