using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests;

public sealed class UserServiceTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private UserService Users => _database.Services.GetRequiredService<UserService>();
    private LicenseService Licenses => _database.Services.GetRequiredService<LicenseService>();

    private async Task<T> RefusedAsync<T>(Func<Task> action, string message, string auditAction) where T : Exception
    {
        var before = await _database.SnapshotAsync();
        var error = await Assert.ThrowsAsync<T>(action);
        Assert.Equal(message, error.Message);
        Assert.Equal(before, await _database.SnapshotAsync());
        Assert.Contains(await _database.AuditAsync(auditAction), e => e.Outcome == AuditOutcome.Refused && e.Detail == message);
        return error;
    }

    [Fact]
    public async Task UserAdmin_CannotDeleteAnAdmin()
    {
        var caller = await _database.CallerAsync(Demo.UserAdmin);
        var target = await _database.UserAsync(Demo.LicenseAdmin);

        await RefusedAsync<UserChangeRefusedException>(() => Users.DeleteAsync(caller, UserSelection.Of([target.Id]), None),
            "Your role (User administrator) cannot delete licenseadmin@contoso.com, who has admin roles.", AuditAction.DeleteUser);
    }

    [Fact]
    public async Task Nobody_DeletesTheLastGlobalAdmin()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);

        await RefusedAsync<UserChangeRefusedException>(() => Users.DeleteAsync(caller, UserSelection.Of([caller.UserId]), None),
            "Nobody can delete the last global administrator (admin@contoso.com).", AuditAction.DeleteUser);
    }

    [Fact]
    public async Task RemovingTheGlobalAdminRoleFromTheLastGlobalAdmin_IsRefused()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);

        await RefusedAsync<UserChangeRefusedException>(() => Users.SetRolesAsync(caller, caller.UserId, AdminRoles.UserAdministrator, None),
            "admin@contoso.com is the last global administrator; make another user a global administrator first.", AuditAction.AddMemberToRole);
    }

    [Fact]
    public async Task BlockingTheLastGlobalAdminWhoCanSignIn_IsRefused()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);

        await RefusedAsync<UserChangeRefusedException>(() => Users.SetSignInBlockedAsync(caller, caller.UserId, true, None),
            "admin@contoso.com is the last global administrator who can sign in; unblock or add another global administrator first.",
            AuditAction.UpdateUser);
    }

    [Fact]
    public async Task WithASecondGlobalAdmin_TheFirstCanBeDemotedAndTheAuditNamesBothRoles()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var other = await _database.UserAsync(Demo.ServiceAdmin);

        await Users.SetRolesAsync(caller, other.Id, AdminRoles.GlobalAdministrator, None);
        await Users.SetRolesAsync(caller, caller.UserId, AdminRoles.None, None);

        Assert.Equal(AdminRoles.None, (await _database.UserByIdAsync(caller.UserId)).Roles);
        var entry = (await _database.AuditAsync(AuditAction.AddMemberToRole)).First();
        Assert.Equal("{\"roles\":\"Service administrator\"}", entry.Before);
        Assert.Equal("{\"roles\":\"Global administrator\"}", entry.After);
        Assert.Equal(other.Id, entry.TargetId);
    }

    [Fact]
    public async Task PasswordAdmin_MayResetAPasswordAdmin_ButNotAUserAdmin()
    {
        var otherPasswordAdmin = await _database.UserAsync(Demo.ServiceAdmin);
        await Users.SetRolesAsync(await _database.CallerAsync(Demo.GlobalAdmin), otherPasswordAdmin.Id, AdminRoles.PasswordAdministrator, None);
        var caller = await _database.CallerAsync(Demo.PasswordAdmin);
        var userAdmin = await _database.UserAsync(Demo.UserAdmin);

        var password = await Users.ResetPasswordAsync(caller, otherPasswordAdmin.Id, None);

        Assert.True(password.Length >= 16);
        Assert.True(await PasswordWorksAsync(otherPasswordAdmin.Id, password));
        var entry = Assert.Single(await _database.AuditAsync(AuditAction.ResetUserPassword));
        Assert.DoesNotContain(password, entry.After ?? string.Empty);
        await RefusedAsync<UserChangeRefusedException>(() => Users.ResetPasswordAsync(caller, userAdmin.Id, None),
            "Your role (Password administrator) cannot reset the password of useradmin@contoso.com (User administrator).",
            AuditAction.ResetUserPassword);
    }

    [Fact]
    public async Task ResetPassword_OfTheActingAdminThemself_IsRefused()
    {
        var caller = await _database.CallerAsync(Demo.PasswordAdmin);

        await RefusedAsync<UserChangeRefusedException>(() => Users.ResetPasswordAsync(caller, caller.UserId, None),
            "You cannot reset your own password (passwordadmin@contoso.com) here; change it on the Change password page.",
            AuditAction.ResetUserPassword);
    }

    [Fact]
    public async Task Delete_OfTheActingAdminThemself_IsRefused_EvenWhenAnotherGlobalAdminRemains()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        await Users.SetRolesAsync(caller, (await _database.UserAsync(Demo.ServiceAdmin)).Id, AdminRoles.GlobalAdministrator, None);

        await RefusedAsync<UserChangeRefusedException>(() => Users.DeleteAsync(caller, UserSelection.Of([caller.UserId]), None),
            "You cannot delete your own account (admin@contoso.com); another administrator has to.", AuditAction.DeleteUser);
    }

    [Fact]
    public async Task BulkDelete_ThatIncludesTheActingAdmin_IsRefused_AndDeletesNobody()
    {
        var caller = await _database.CallerAsync(Demo.UserAdmin);
        var unlicensed = await _database.UnlicensedAsync();

        await RefusedAsync<UserChangeRefusedException>(
            () => Users.DeleteAsync(caller, UserSelection.Of([unlicensed[0], caller.UserId, unlicensed[1]]), None),
            "Your role (User administrator) cannot delete useradmin@contoso.com, who has admin roles.", AuditAction.DeleteUser);
        await Users.SetRolesAsync(await _database.CallerAsync(Demo.GlobalAdmin), caller.UserId, AdminRoles.GlobalAdministrator, None);
        var promoted = await _database.CallerAsync(Demo.UserAdmin);

        await RefusedAsync<UserChangeRefusedException>(
            () => Users.DeleteAsync(promoted, UserSelection.Of([unlicensed[0], caller.UserId, unlicensed[1]]), None),
            "You cannot delete your own account (useradmin@contoso.com); another administrator has to.", AuditAction.DeleteUser);
        Assert.False((await _database.UserByIdAsync(unlicensed[0])).IsDeleted);
    }

    [Fact]
    public async Task Create_WithALicenseTheRulesRefuse_LeavesNoUserBehind()
    {
        var caller = await _database.CallerAsync(Demo.UserAdmin);
        var e3 = await _database.ProductIdAsync(Demo.E3);

        await RefusedAsync<LicenseChangeRefusedException>(
            () => Users.CreateAsync(caller, new NewUser("no.location@contoso.com", "No Location"), [new ProductLicense(e3)], None),
            "Nothing was changed. no.location@contoso.com has no usage location. Set the user's country before assigning licenses.", AuditAction.AddUser);
    }

    [Fact]
    public async Task Create_WithLicenses_AddsTheUserHoldingThem_InOneChange()
    {
        var caller = await _database.CallerAsync(Demo.UserAdmin);
        var e3 = await _database.ProductIdAsync(Demo.E3);

        var id = await Users.CreateAsync(caller, new NewUser("lena.berg@contoso.com", "Lena Berg", UsageLocation: "DK"), [new ProductLicense(e3)], None);

        Assert.Contains(id, await _database.HoldersAsync(Demo.E3));
        Assert.Equal(id, Assert.Single(await _database.AuditAsync(AuditAction.AddUser)).TargetId);
        Assert.Equal(id, Assert.Single(await _database.AuditAsync(AuditAction.ChangeUserLicense)).TargetId);
    }

    [Fact]
    public async Task ResettingThePasswordOfAUserWithoutASignInAccount_SaysSo()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var target = await _database.UserByIdAsync((await _database.UnlicensedAsync())[0]);

        await RefusedAsync<UserChangeRefusedException>(() => Users.ResetPasswordAsync(caller, target.Id, None),
            $"{target.UserPrincipalName} has no sign-in account, so there is no password to reset.", AuditAction.ResetUserPassword);
    }

    [Fact]
    public async Task Create_AddsTheUserWithAnAuditEntry_AndRefusesAUsernameUsedInAnotherTenant()
    {
        var caller = await _database.CallerAsync(Demo.UserAdmin);

        var id = await Users.CreateAsync(caller, new NewUser(" Nina.Holm@Contoso.com ", "Nina Holm", "Nina", "Holm", "Sales", "Analyst", "dk"), None);

        var user = await _database.UserByIdAsync(id);
        Assert.Equal(("nina.holm@contoso.com", "DK", DemoDataSeeder.ContosoId), (user.UserPrincipalName, user.UsageLocation, user.TenantId));
        Assert.Equal(id, Assert.Single(await _database.AuditAsync(AuditAction.AddUser)).TargetId);
        await RefusedAsync<UserChangeRefusedException>(() => Users.CreateAsync(caller, new NewUser("admin@fabrikam.com", "Copycat"), None),
            "The username admin@fabrikam.com is already used by another user.", AuditAction.AddUser);
    }

    [Fact]
    public async Task ClearingTheUsageLocationOfALicensedUser_IsRefused()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var target = await _database.UserByIdAsync((await _database.HoldersAsync(Demo.E3))[0]);

        await RefusedAsync<UserChangeRefusedException>(
            () => Users.UpdateAsync(caller, target.Id, UserProfile.Of(target) with { UsageLocation = null }, None),
            $"{target.UserPrincipalName} has licenses; a usage location is required while the user holds licenses.", AuditAction.UpdateUser);
    }

    [Fact]
    public async Task Update_RecordsTheProfileBeforeAndAfter()
    {
        var caller = await _database.CallerAsync(Demo.UserAdmin);
        var target = await _database.UserByIdAsync((await _database.UnlicensedAsync())[0]);

        await Users.UpdateAsync(caller, target.Id, UserProfile.Of(target) with { JobTitle = "Head of Sales", UsageLocation = "se" }, None);

        Assert.Equal(("Head of Sales", "SE"), ((await _database.UserByIdAsync(target.Id)).JobTitle, (await _database.UserByIdAsync(target.Id)).UsageLocation));
        var entry = Assert.Single(await _database.AuditAsync(AuditAction.UpdateUser));
        Assert.Contains("\"usageLocation\":\"SE\"", entry.After);
        Assert.Contains($"\"usageLocation\":\"{target.UsageLocation}\"", entry.Before);
    }

    [Fact]
    public async Task UserAdmin_CannotBlockAnAdmin()
    {
        var caller = await _database.CallerAsync(Demo.UserAdmin);
        var globalAdmin = await _database.UserAsync(Demo.GlobalAdmin);

        await RefusedAsync<UserChangeRefusedException>(
            () => Users.SetSignInBlockedAsync(caller, globalAdmin.Id, true, None),
            "Your role (User administrator) cannot change admin@contoso.com, who has admin roles.", AuditAction.UpdateUser);
    }

    [Fact]
    public async Task BlockingSignIn_RenewsTheAccountsSecurityStamp()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var target = await _database.UserAsync(Demo.NoRole);
        var stampBefore = await SecurityStampAsync(target.Id);

        await Users.SetSignInBlockedAsync(caller, target.Id, true, None);

        Assert.True((await _database.UserByIdAsync(target.Id)).SignInBlocked);
        Assert.NotEqual(stampBefore, await SecurityStampAsync(target.Id));
    }

    [Fact]
    public async Task Delete_FreesTheSeatsAtOnce_RetainsTheMailbox_AndRemembersTheLicenses()
    {
        var caller = await _database.CallerAsync(Demo.UserAdmin);
        var targets = (await _database.HoldersAsync(Demo.E3)).Take(2).ToList();
        var before = await _database.SeatsAsync(Demo.E3);
        var summaryBefore = await E3SummaryAsync();

        var result = await Users.DeleteAsync(caller, UserSelection.Of(targets), None);

        Assert.Equal(targets, result.DeletedUserIds);
        Assert.Equal((before.Total, before.Assigned - 2, before.Total, before.Assigned - 2), await _database.SeatsAsync(Demo.E3));
        Assert.Equal(summaryBefore.Assigned - 2, (await E3SummaryAsync()).Assigned);
        foreach (var id in targets)
        {
            var user = await _database.UserByIdAsync(id);
            Assert.True(user.IsDeleted && user.SignInBlocked);
            var mailbox = await _database.ProvisioningAsync(id, ServiceFamily.Exchange);
            Assert.Equal(ProvisioningState.Retained, mailbox!.State);
            Assert.Equal(TestDatabase.Start.UtcDateTime.AddDays(30), mailbox.RetainedUntilUtc);
        }

        var deletes = await _database.AuditAsync(AuditAction.DeleteUser);
        Assert.Equal(targets, deletes.Select(e => e.TargetId!.Value));
        Assert.All(deletes, e => Assert.Contains("\"product\":\"Office 365 E3\"", e.Before));
        Assert.Equal(2, (await _database.AuditAsync(AuditAction.ChangeUserLicense)).Count);
    }

    [Fact]
    public async Task DeletingAUserWhoIsAlreadyDeleted_IsRefused()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var target = (await _database.HoldersAsync(Demo.E3))[0];
        await Users.DeleteAsync(caller, UserSelection.Of([target]), None);

        await RefusedAsync<UserChangeRefusedException>(() => Users.DeleteAsync(caller, UserSelection.Of([target]), None),
            $"{(await _database.UserByIdAsync(target)).UserPrincipalName} is already deleted.", AuditAction.DeleteUser);
    }

    [Fact]
    public async Task Restore_GivesLicensesBackWhereSeatsAllow_AndReportsTheRest()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var e5 = await _database.ProductIdAsync(Demo.E5);
        var holders = await _database.HoldersAsync(Demo.E5);
        var (first, second) = (holders[0], holders[1]);
        await Users.DeleteAsync(caller, UserSelection.Of([first, second]), None);
        // Two of the three free seats go to other users while the two are in Deleted users.
        foreach (var other in (await _database.UnlicensedAsync()).Take(2)) await Licenses.AssignAsync(caller, other, e5, null, None);
        _database.Clock.Advance(TimeSpan.FromDays(10));

        var result = await Users.RestoreAsync(caller, [first, second], None);

        Assert.Equal("Office 365 E5", Assert.Single(result.Users[0].LicensesRestored).Product);
        Assert.Empty(result.Users[0].LicensesNotRestored);
        Assert.Empty(result.Users[1].LicensesRestored);
        var notRestored = Assert.Single(result.Users[1].LicensesNotRestored);
        Assert.Equal($"Office 365 E5 was not restored for {result.Users[1].UserPrincipalName}: no seat is free.", notRestored.Message);
        Assert.False((await _database.UserByIdAsync(first)).IsDeleted);
        Assert.False((await _database.UserByIdAsync(second)).SignInBlocked);
        var seats = await _database.SeatsAsync(Demo.E5);
        Assert.Equal((5, 5, 5, 5), seats);
        Assert.Equal(ProvisioningState.Provisioned, (await _database.ProvisioningAsync(first, ServiceFamily.Exchange))!.State);
        Assert.Equal(ProvisioningState.Retained, (await _database.ProvisioningAsync(second, ServiceFamily.Exchange))!.State);
        var restoreAudit = await _database.AuditAsync(AuditAction.RestoreUser);
        Assert.Equal([first, second], restoreAudit.Select(e => e.TargetId!.Value));
        Assert.Equal(notRestored.Message, restoreAudit[1].Detail);
    }

    [Fact]
    public async Task RestoreAfterThirtyDays_IsRefused()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var target = (await _database.HoldersAsync(Demo.E3))[0];
        await Users.DeleteAsync(caller, UserSelection.Of([target]), None);
        _database.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));

        await RefusedAsync<UserChangeRefusedException>(() => Users.RestoreAsync(caller, [target], None),
            $"{(await _database.UserByIdAsync(target)).UserPrincipalName} was deleted more than 30 days ago and cannot be restored.",
            AuditAction.RestoreUser);
    }

    [Fact]
    public async Task ATakenUsername_StopsTheWholeRestore_NamingTheUser()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var holders = await _database.HoldersAsync(Demo.E3);
        var (taken, other) = (await _database.UserByIdAsync(holders[0]), holders[1]);
        await Users.DeleteAsync(caller, UserSelection.Of([taken.Id, other]), None);
        await Users.CreateAsync(caller, new NewUser(taken.UserPrincipalName, "Newcomer", UsageLocation: "DK"), None);

        await RefusedAsync<UserChangeRefusedException>(() => Users.RestoreAsync(caller, [other, taken.Id], None),
            $"{taken.UserPrincipalName} cannot be restored: the username is now used by another user.", AuditAction.RestoreUser);
        Assert.True((await _database.UserByIdAsync(other)).IsDeleted);
    }

    [Fact]
    public async Task RestoringAUserWhoIsNotDeleted_IsRefused()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var active = await _database.UserAsync(Demo.NoRole);

        await RefusedAsync<UserChangeRefusedException>(() => Users.RestoreAsync(caller, [active.Id], None),
            "user@contoso.com is not deleted, so there is nothing to restore.", AuditAction.RestoreUser);
    }

    [Fact]
    public async Task AContosoAdmin_CannotReachAFabrikamUserById()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var fabrikam = await _database.UserAsync(Demo.FabrikamAdmin);
        var expected = $"There is no user {fabrikam.Id} in this organisation.";
        var attempts = new (Func<Task> Run, string Action)[]
        {
            (() => Users.UpdateAsync(caller, fabrikam.Id, UserProfile.Of(fabrikam) with { DisplayName = "Hijacked" }, None), AuditAction.UpdateUser),
            (() => Users.SetSignInBlockedAsync(caller, fabrikam.Id, true, None), AuditAction.UpdateUser),
            (() => Users.SetRolesAsync(caller, fabrikam.Id, AdminRoles.None, None), AuditAction.AddMemberToRole),
            (() => Users.DeleteAsync(caller, UserSelection.Of([fabrikam.Id]), None), AuditAction.DeleteUser),
            (() => Users.RestoreAsync(caller, [fabrikam.Id], None), AuditAction.RestoreUser),
            (() => Users.ResetPasswordAsync(caller, fabrikam.Id, None), AuditAction.ResetUserPassword),
        };

        foreach (var (run, action) in attempts) await RefusedAsync<UserChangeRefusedException>(run, expected, action);
        Assert.Empty((await _database.AuditAsync(AuditAction.UpdateUser, DemoDataSeeder.FabrikamId)));
    }

    [Fact]
    public async Task ParallelRestoresRacingForTheLastSeats_NeverOversell()
    {
        var caller = await _database.CallerAsync(Demo.GlobalAdmin);
        var e5 = await _database.ProductIdAsync(Demo.E5);
        var holders = await _database.HoldersAsync(Demo.E5);
        Assert.Equal(4, holders.Count);
        await Users.DeleteAsync(caller, UserSelection.Of(holders), None);
        foreach (var other in (await _database.UnlicensedAsync()).Take(3)) await Licenses.AssignAsync(caller, other, e5, null, None);

        var results = await Task.WhenAll(holders.Select(id => Task.Run(() => Users.RestoreAsync(caller, [id], None))));

        Assert.Equal(2, results.Count(r => r.Users[0].LicensesRestored.Count == 1));
        Assert.Equal(2, results.Count(r => r.Users[0].LicensesNotRestored.Count == 1));
        Assert.Equal((5, 5, 5, 5), await _database.SeatsAsync(Demo.E5));
        var summary = await _database.Services.GetRequiredService<SeatSummaryService>().GetAsync(DemoDataSeeder.ContosoId, None);
        Assert.DoesNotContain(summary, p => p.HasConflict);
    }

    private async Task<Services.Licensing.ProductSeatSummary> E3SummaryAsync() =>
        (await _database.Services.GetRequiredService<SeatSummaryService>().GetAsync(DemoDataSeeder.ContosoId, None))
        .Single(p => p.PartNumber == Demo.E3);

    private async Task<bool> PasswordWorksAsync(Guid directoryUserId, string password)
    {
        await using var scope = _database.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = await manager.Users.SingleAsync(a => a.DirectoryUserId == directoryUserId);
        return await manager.CheckPasswordAsync(account, password);
    }

    private async Task<string?> SecurityStampAsync(Guid directoryUserId)
    {
        await using var db = await _database.Contexts.ForSystemAsync(None);
        return await db.Users.Where(a => a.DirectoryUserId == directoryUserId).Select(a => a.SecurityStamp).SingleAsync();
    }
}
